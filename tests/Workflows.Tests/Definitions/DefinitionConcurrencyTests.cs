using CityOps.Testing;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using CityOps.Workflows.Tests.Persistence;
using CityOps.Workflows.Tests.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using static CityOps.Workflows.Tests.Runtime.WorkflowHost;

namespace CityOps.Workflows.Tests.Definitions;

/// <summary>
/// Two writers publishing one definition at the same time. A gate holds both after they read the versions, so both
/// decide on the same state before either commits: the loser's checked commit conflicts, it re-reads and decides
/// again, and the definition ends with exactly one latest and at most one published version.
/// </summary>
public sealed class DefinitionConcurrencyTests : IAsyncLifetime
{
    private readonly ReadGate _gate = new();
    private readonly List<string> _files = [];

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task PublishAndDeployedEnsure_Concurrently_OnePublishedVersion(string storage)
    {
        await using var host = await HostAsync(storage);
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);
        await host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "admin edit" }, Ct);

        _gate.Arm(parties: 2);
        await Task.WhenAll(
            Task.Run(() => host.Definitions.PublishAsync("timer", Ct), Ct),
            Task.Run(() => host.Definitions.EnsureAsync(Scenario("timer") with { Description = "deployed" }, Ct), Ct));

        var versions = await host.Definitions.ListVersionsAsync("timer", Ct);
        var published = Assert.Single(versions, v => v.IsPublished);
        Assert.Single(versions, v => v.IsLatest);
        Assert.Equal((3, true, "deployed"), (published.Version, published.IsLatest, published.Description));
        Assert.True(_gate.Released);
    }

    [Theory]
    [InlineData("memory")]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task TwoSaveDraftsAfterPublish_Concurrently_OneNewVersionNoLostFlags(string storage)
    {
        await using var host = await HostAsync(storage);
        await host.Definitions.EnsureAsync(Scenario("timer"), Ct);

        _gate.Arm(parties: 2);
        await Task.WhenAll(
            Task.Run(() => host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "a" }, Ct), Ct),
            Task.Run(() => host.Definitions.SaveDraftAsync(Scenario("timer") with { Description = "b" }, Ct), Ct));

        var versions = await host.Definitions.ListVersionsAsync("timer", Ct);
        Assert.Equal([(1, false, true), (2, true, false)], versions.Select(v => (v.Version, v.IsLatest, v.IsPublished)));
        Assert.Contains(versions[1].Description, new[] { "a", "b" });
    }

    private async Task<WorkflowHost> HostAsync(string storage)
    {
        string? cs = storage switch
        {
            "sqlite" => NewSqliteFile(),
            "postgres" => await PostgresTestServer.CreateDatabaseAsync("cityops_defs", Ct),
            _ => null,
        };
        Func<EngineOnlyDbContext>? context = storage switch
        {
            "sqlite" => () => EngineOnlyDbContext.Sqlite(cs!),
            "postgres" => () => EngineOnlyDbContext.PostgreSql(cs!),
            _ => null,
        };
        if (context is not null)
        {
            await using var schema = context();
            await schema.Database.EnsureCreatedAsync(Ct);
        }

        var memory = new InMemoryWorkflowStore();
        return new WorkflowHost(services =>
        {
            if (context is null)
            {
                services.AddSingleton<IWorkflowStore>(new GatedStore(memory, _gate));
            }
            else
            {
                services.AddScoped(_ => context());
                services.AddScoped<IWorkflowStore>(sp => new GatedStore(new EfWorkflowStore(sp.GetRequiredService<EngineOnlyDbContext>()), _gate));
            }
        });
    }

    private string NewSqliteFile()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cityops-defs-{Guid.NewGuid():N}.db");
        _files.Add(file);
        return $"Data Source={file}";
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in _files)
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Once armed, holds the next N readers of definition versions until all N have read.</summary>
internal sealed class ReadGate
{
    private readonly Lock _lock = new();
    private int _waiting;
    private TaskCompletionSource? _open;

    public bool Released { get; private set; }

    public void Arm(int parties)
    {
        lock (_lock)
        {
            _waiting = parties;
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    public Task PassAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_open is null || _waiting == 0)
            {
                return Task.CompletedTask;
            }

            if (--_waiting == 0)
            {
                Released = true;
                _open.SetResult();
            }

            return _open.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }
    }
}

/// <summary>A store that passes the gate after reading definition versions; everything else goes straight through.</summary>
internal sealed class GatedStore(IWorkflowStore inner, ReadGate gate) : IWorkflowStore
{
    public async Task<IReadOnlyList<WorkflowDefinitionRecord>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken)
    {
        var rows = await inner.ListDefinitionVersionsAsync(definitionId, cancellationToken);
        await gate.PassAsync(cancellationToken);
        return rows;
    }

    public Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken) => inner.CommitAsync(commit, cancellationToken);

    public Task<WorkflowDefinitionRecord?> GetDefinitionAsync(string definitionId, int version, CancellationToken cancellationToken) =>
        inner.GetDefinitionAsync(definitionId, version, cancellationToken);

    public Task<WorkflowDefinitionRecord?> GetLatestDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        inner.GetLatestDefinitionAsync(definitionId, cancellationToken);

    public Task<WorkflowDefinitionRecord?> GetPublishedDefinitionAsync(string definitionId, CancellationToken cancellationToken) =>
        inner.GetPublishedDefinitionAsync(definitionId, cancellationToken);

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListLatestDefinitionsAsync(CancellationToken cancellationToken) =>
        inner.ListLatestDefinitionsAsync(cancellationToken);

    public Task<IReadOnlyList<WorkflowDefinitionRecord>> ListPublishedByTriggerAsync(string eventName, CancellationToken cancellationToken) =>
        inner.ListPublishedByTriggerAsync(eventName, cancellationToken);

    public Task<WorkflowInstanceRecord?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken) =>
        inner.GetInstanceAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<BookmarkRecord>> FindBookmarksAsync(string name, string correlationHash, CancellationToken cancellationToken) =>
        inner.FindBookmarksAsync(name, correlationHash, cancellationToken);

    public Task<IReadOnlyList<ParkedStimulusRecord>> FindParkedStimuliAsync(string name, string correlationHash, CancellationToken cancellationToken) =>
        inner.FindParkedStimuliAsync(name, correlationHash, cancellationToken);

    public Task<IReadOnlyList<ParkedStimulusRecord>> ListParkedBeforeAsync(DateTimeOffset parkedBefore, int maxCount, CancellationToken cancellationToken) =>
        inner.ListParkedBeforeAsync(parkedBefore, maxCount, cancellationToken);

    public Task<WorkflowTaskRecord?> GetTaskAsync(Guid taskId, CancellationToken cancellationToken) => inner.GetTaskAsync(taskId, cancellationToken);

    public Task<PagedResult<WorkflowTaskRecord>> ListTasksAsync(TaskQuery query, CancellationToken cancellationToken) => inner.ListTasksAsync(query, cancellationToken);

    public Task<TimerRecord?> GetTimerAsync(Guid timerId, CancellationToken cancellationToken) => inner.GetTimerAsync(timerId, cancellationToken);

    public Task<IReadOnlyList<TimerRecord>> ListDueTimersAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken) =>
        inner.ListDueTimersAsync(now, maxCount, cancellationToken);

    public Task<IReadOnlyList<JournalRecord>> ListJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken) =>
        inner.ListJournalAsync(instanceId, skip, take, cancellationToken);

    public Task<IReadOnlyList<OutboxRecord>> ListOutboxAsync(Guid instanceId, CancellationToken cancellationToken) =>
        inner.ListOutboxAsync(instanceId, cancellationToken);

    public Task<StimulusRecord?> FindStimulusAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        inner.FindStimulusAsync(idempotencyKey, cancellationToken);

    public Task<int> PurgeStimuliAsync(DateTimeOffset processedBefore, int maxCount, CancellationToken cancellationToken) =>
        inner.PurgeStimuliAsync(processedBefore, maxCount, cancellationToken);
}
