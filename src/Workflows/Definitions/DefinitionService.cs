using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Definitions;

// Every change reads all versions of the definition once and writes one checked commit (each changed row carries
// the UpdatedAt it was read with; new versions must not exist yet). A lost race re-reads and decides again, so two
// concurrent publishes or saves can never leave two published or two latest versions.
internal sealed class DefinitionService(
    IServiceScopeFactory scopes,
    IValidator<WorkflowDefinition> validator,
    TimeProvider time,
    IOptions<WorkflowRuntimeOptions> options) : IDefinitionService
{
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return await MutateAsync(definition.DefinitionId, versions =>
        {
            var now = time.GetUtcNow();
            var latest = versions.FirstOrDefault(v => v.IsLatest);
            if (latest is { IsPublished: false, PublishedAt: null })
            {
                // A draft that was never published: overwrite it in place. A version that was ever published (and
                // retracted since) may still have running instances, so editing it makes a new version instead.
                var draft = definition with { Version = latest.Version, IsLatest = true, IsPublished = false };
                var row = ToRecord(draft, latest.CreatedAt, Next(latest.UpdatedAt, now));
                return Task.FromResult<(IReadOnlyList<DefinitionWrite>, WorkflowDefinition)>(([new(row, latest.UpdatedAt)], draft));
            }

            var created = definition with { Version = NextVersion(versions), IsLatest = true, IsPublished = false };
            List<DefinitionWrite> writes = [.. versions.Where(v => v.IsLatest).Select(v => Change(v, now, r => r.IsLatest = false))];
            writes.Add(new(ToRecord(created, now, now), null));
            return Task.FromResult<(IReadOnlyList<DefinitionWrite>, WorkflowDefinition)>((writes, created));
        }, cancellationToken);
    }

    public Task<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken) =>
        MutateAsync(definitionId, async versions =>
        {
            var latest = versions.FirstOrDefault(v => v.IsLatest)
                ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' does not exist.");
            var definition = FromRecord(latest);
            await validator.ValidateAndThrowAsync(definition, cancellationToken);
            var now = time.GetUtcNow();
            var writes = versions
                .Where(v => v.Id != latest.Id && (v.IsPublished || v.IsLatest))
                .Select(v => Change(v, now, r => (r.IsPublished, r.IsLatest) = (false, false)))
                .ToList();
            if (!latest.IsPublished || writes.Count > 0)
            {
                writes.Add(Change(latest, now, r =>
                {
                    (r.IsPublished, r.IsLatest) = (true, true);
                    (r.PublishedBy, r.PublishedAt) = (WorkflowActor.Current, now);
                }));
            }

            return ((IReadOnlyList<DefinitionWrite>)writes, definition with { IsLatest = true, IsPublished = true });
        }, cancellationToken);

    public Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken) =>
        MutateAsync(definitionId, versions =>
        {
            var published = versions.FirstOrDefault(v => v.IsPublished)
                ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' has no published version.");
            var write = Change(published, time.GetUtcNow(), r => r.IsPublished = false);
            return Task.FromResult<(IReadOnlyList<DefinitionWrite>, WorkflowDefinition)>(([write], FromRecord(write.Definition)));
        }, cancellationToken);

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

    public async Task<WorkflowDefinition> EnsureAsync(WorkflowDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(definition);
        await validator.ValidateAndThrowAsync(definition, cancellationToken);
        var hash = DefinitionJson.ContentHash(definition);
        return await MutateAsync(definition.DefinitionId, versions =>
        {
            // Content seen before (in any version): an administrator may have published a later edit, or retracted
            // it on purpose; the file must not undo that at every restart.
            if (versions.LastOrDefault(v => v.ContentHash == hash) is { } known)
            {
                var current = FromRecord(versions.FirstOrDefault(v => v.IsPublished) ?? known);
                return Task.FromResult<(IReadOnlyList<DefinitionWrite>, WorkflowDefinition)>(([], current));
            }

            // New content (a deployment changed the file): a new published version, in one checked commit.
            var now = time.GetUtcNow();
            var created = definition with { Version = NextVersion(versions), IsLatest = true, IsPublished = true };
            List<DefinitionWrite> writes = [.. versions
                .Where(v => v.IsPublished || v.IsLatest)
                .Select(v => Change(v, now, r => (r.IsPublished, r.IsLatest) = (false, false)))];
            writes.Add(new(ToRecord(created, now, now), null));
            return Task.FromResult<(IReadOnlyList<DefinitionWrite>, WorkflowDefinition)>((writes, created));
        }, cancellationToken);
    }

    public async Task<string> ExportAsync(string definitionId, int? version, CancellationToken cancellationToken) =>
        DefinitionJson.Write(await GetAsync(definitionId, version, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Definition '{definitionId}' v{version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "latest"} does not exist."));

    private async Task<WorkflowDefinition> MutateAsync(
        string definitionId,
        Func<IReadOnlyList<WorkflowDefinitionRecord>, Task<(IReadOnlyList<DefinitionWrite> Writes, WorkflowDefinition Result)>> decide,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowStore>();
            var (writes, result) = await decide(await store.ListDefinitionVersionsAsync(definitionId, cancellationToken));
            if (writes.Count == 0)
            {
                return result;
            }

            try
            {
                await store.CommitAsync(new WorkflowCommit { DefinitionsSaved = writes }, cancellationToken);
                return result;
            }
            catch (WorkflowConcurrencyException) when (attempt < options.Value.MaxConcurrencyRetries)
            {
                // Another writer changed this definition since we read it: read again and decide again.
            }
        }
    }

    private static int NextVersion(IReadOnlyList<WorkflowDefinitionRecord> versions) =>
        versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;

    private static DefinitionWrite Change(WorkflowDefinitionRecord read, DateTimeOffset now, Action<WorkflowDefinitionRecord> change)
    {
        var row = read.Copy();
        change(row);
        row.UpdatedAt = Next(read.UpdatedAt, now);
        row.UpdatedBy = WorkflowActor.Current ?? row.UpdatedBy;
        return new DefinitionWrite(row, read.UpdatedAt);
    }

    // UpdatedAt is the row's version token, so every write must move it, even within one clock tick (or a fake
    // clock). One millisecond survives every provider's precision (PostgreSQL keeps microseconds).
    private static DateTimeOffset Next(DateTimeOffset previous, DateTimeOffset now) =>
        now >= previous.AddMilliseconds(1) ? now : previous.AddMilliseconds(1);

    private async Task<T> WithStoreAsync<T>(Func<IWorkflowStore, Task<T>> action)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IWorkflowStore>());
    }

    private static WorkflowDefinitionRecord ToRecord(WorkflowDefinition d, DateTimeOffset createdAt, DateTimeOffset updatedAt) => new()
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
        UpdatedAt = updatedAt,
        UpdatedBy = WorkflowActor.Current,
        PublishedBy = d.IsPublished ? WorkflowActor.Current : null,
        PublishedAt = d.IsPublished ? updatedAt : null,
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
