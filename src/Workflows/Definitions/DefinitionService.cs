using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Definitions;

internal sealed class DefinitionService(IServiceScopeFactory scopes, IValidator<WorkflowDefinition> validator, TimeProvider time)
    : IDefinitionService
{
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return await WithStoreAsync(async store =>
        {
            var latest = await store.GetLatestDefinitionAsync(definition.DefinitionId, cancellationToken);
            var now = time.GetUtcNow();
            var saved = new List<WorkflowDefinitionRecord>();
            var version = latest switch
            {
                null => 1,
                { IsPublished: true } => latest.Version + 1,
                _ => latest.Version,
            };
            if (latest is { IsPublished: true })
            {
                latest.IsLatest = false;
                latest.UpdatedAt = now;
                saved.Add(latest);
            }

            var draft = definition with { Version = version, IsLatest = true, IsPublished = false };
            var record = ToRecord(draft, latest?.Version == version ? latest.CreatedAt : now, now);
            saved.Add(record);
            await store.CommitAsync(new WorkflowCommit { DefinitionsSaved = saved }, cancellationToken);
            return draft;
        });
    }

    public Task<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken) =>
        WithStoreAsync(async store =>
        {
            var latest = await store.GetLatestDefinitionAsync(definitionId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' does not exist.");
            var definition = FromRecord(latest);
            await validator.ValidateAndThrowAsync(definition, cancellationToken);
            var now = time.GetUtcNow();
            var saved = (await store.ListDefinitionVersionsAsync(definitionId, cancellationToken))
                .Where(r => r.Id != latest.Id && (r.IsPublished || r.IsLatest))
                .Select(r =>
                {
                    r.IsPublished = false;
                    r.IsLatest = false;
                    r.UpdatedAt = now;
                    return r;
                })
                .ToList();
            latest.IsPublished = true;
            latest.IsLatest = true;
            latest.UpdatedAt = now;
            saved.Add(latest);
            await store.CommitAsync(new WorkflowCommit { DefinitionsSaved = saved }, cancellationToken);
            return FromRecord(latest);
        });

    public Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken) =>
        WithStoreAsync(async store =>
        {
            var published = await store.GetPublishedDefinitionAsync(definitionId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' has no published version.");
            published.IsPublished = false;
            published.UpdatedAt = time.GetUtcNow();
            await store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [published] }, cancellationToken);
            return FromRecord(published);
        });

    public Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        WithStoreAsync(async store =>
        {
            var record = version is { } v
                ? await store.GetDefinitionAsync(definitionId, v, cancellationToken)
                : await store.GetLatestDefinitionAsync(definitionId, cancellationToken);
            return record is null ? null : FromRecord(record);
        });

    public Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        WithStoreAsync<IReadOnlyList<WorkflowDefinition>>(async store =>
            [.. (await store.ListDefinitionVersionsAsync(definitionId, cancellationToken)).Select(FromRecord)]);

    public Task<IReadOnlyList<WorkflowDefinition>> ListLatestAsync(CancellationToken cancellationToken) =>
        WithStoreAsync<IReadOnlyList<WorkflowDefinition>>(async store =>
            [.. (await store.ListLatestDefinitionsAsync(cancellationToken)).Select(FromRecord)]);

    public async Task<WorkflowDefinition> ImportAsync(WorkflowDefinition definition, bool publish, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await validator.ValidateAndThrowAsync(definition, cancellationToken);
        var latest = await GetAsync(definition.DefinitionId, null, cancellationToken);
        var result = latest is not null && DefinitionJson.ContentHash(latest) == DefinitionJson.ContentHash(definition)
            ? latest
            : await SaveDraftAsync(definition, cancellationToken);
        return publish && !result.IsPublished ? await PublishAsync(definition.DefinitionId, cancellationToken) : result;
    }

    public Task<WorkflowDefinition> EnsureAsync(WorkflowDefinition definition, CancellationToken cancellationToken) =>
        ImportAsync(definition, publish: true, cancellationToken);

    public async Task<string> ExportAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        DefinitionJson.Write(await GetAsync(definitionId, version, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' v{version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest"} does not exist."));

    private async Task<T> WithStoreAsync<T>(Func<IWorkflowStore, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IWorkflowStore>());
    }

    private static WorkflowDefinitionRecord ToRecord(WorkflowDefinition d, DateTimeOffset createdAt, DateTimeOffset now) => new()
    {
        Id = $"{d.DefinitionId}:v{d.Version}",
        DefinitionId = d.DefinitionId,
        Version = d.Version,
        Name = d.Name,
        Description = d.Description,
        IsLatest = d.IsLatest,
        IsPublished = d.IsPublished,
        TriggerEventName = TriggerOf(d),
        ContentHash = DefinitionJson.ContentHash(d),
        Json = DefinitionJson.Write(d),
        CreatedAt = createdAt,
        UpdatedAt = now,
    };

    private static string? TriggerOf(WorkflowDefinition d) =>
        d.Root.Activities.FirstOrDefault(a => a.Type == "CityOps.Start")?.Inputs?.GetValueOrDefault(Activities.Start.EventInput)
            is { Expression: { Type: ExpressionDefinition.Literal, Value.ValueKind: System.Text.Json.JsonValueKind.String } e }
            ? e.Value.GetString()
            : null;

    // The row's flags are the truth; the JSON keeps whatever flags it was saved with.
    private static WorkflowDefinition FromRecord(WorkflowDefinitionRecord r) =>
        DefinitionJson.Parse(r.Json) with { Version = r.Version, IsLatest = r.IsLatest, IsPublished = r.IsPublished };
}
