using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityOps.Cases.Catalog;

/// <summary>Where the catalog's seed files are (the definitions/ folder).</summary>
public sealed record CatalogSources(string DefinitionsFolder);

/// <summary>At start-up: seeds what is missing from definitions/, then loads the first snapshot.</summary>
internal sealed partial class CatalogStartup(
    IServiceScopeFactory scopes, CatalogSources sources, DbCityCatalog catalog, ILogger<CatalogStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<CatalogSeeder>();
            try
            {
                foreach (var section in await seeder.SeedAsync(sources.DefinitionsFolder, cancellationToken))
                {
                    LogSeeded(logger, section);
                }

                break;
            }
            catch (DbUpdateException ex) when (attempt < 3)
            {
                // Another node seeding the same empty database at the same moment: its rows are there now, look again.
                LogRetry(logger, ex);
            }
        }

        var loaded = await catalog.RefreshAsync(cancellationToken);
        LogReady(logger, loaded.Revision);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog: seeded {Section} from definitions/")]
    private static partial void LogSeeded(ILogger logger, string section);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog seeding collided with another node; retrying")]
    private static partial void LogRetry(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog ready at revision {Revision}")]
    private static partial void LogReady(ILogger logger, long revision);
}
