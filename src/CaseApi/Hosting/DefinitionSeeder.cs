using CityOps.Workflows.Definitions;

namespace CityOps.CaseApi.Hosting;

/// <summary>
/// Loads <c>definitions/workflows/*.json</c> at start-up and publishes them. Idempotent: a file whose content is
/// already stored makes no new version, so restarts never pile up versions.
/// </summary>
internal sealed partial class DefinitionSeeder(IDefinitionService definitions, DefinitionsFolder folder, ILogger<DefinitionSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dir = folder.PathOf("workflows");
        if (!Directory.Exists(dir))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            var definition = DefinitionJson.Parse(await File.ReadAllTextAsync(file, cancellationToken));
            using var actor = WorkflowActor.Use("system");
            var stored = await definitions.EnsureAsync(definition, cancellationToken);
            var name = Path.GetFileName(file);
            LogSeeded(logger, stored.DefinitionId, stored.Version, name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Workflow definition {DefinitionId} is at v{Version} (from {File})")]
    private static partial void LogSeeded(ILogger logger, string definitionId, int version, string file);
}
