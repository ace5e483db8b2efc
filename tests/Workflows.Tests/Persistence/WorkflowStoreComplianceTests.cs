using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>
/// Behaviour every <see cref="IWorkflowStore"/> must show. Subclass it per implementation; xunit creates one class
/// instance per test, and <see cref="CreateStoreAsync"/> must return a store over fresh, empty storage.
/// </summary>
public abstract partial class WorkflowStoreComplianceTests : IAsyncLifetime
{
    private IWorkflowStore? _store;

    protected IWorkflowStore Store => _store ?? throw new InvalidOperationException("Store not created yet.");

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store over fresh, empty storage (a new database per test for real databases).</summary>
    protected abstract ValueTask<IWorkflowStore> CreateStoreAsync();

    /// <summary>
    /// A second, independent session on the same storage, used to race two writers. In-memory: the same store;
    /// EF Core: a store over a new DbContext on the same database.
    /// </summary>
    protected virtual ValueTask<IWorkflowStore> OpenSecondSessionAsync() => ValueTask.FromResult(Store);

    public virtual async ValueTask InitializeAsync() => _store = await CreateStoreAsync();

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return _store is IAsyncDisposable d ? d.DisposeAsync() : ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Commit_NewInstanceWithRows_LoadsBackEqualWithVersionOne()
    {
        var instance = Instance();
        instance.CorrelationId = "c-1";
        var task = Task(instance.Id, "g", null, T0);
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [task] }, Ct);

        var loaded = await Store.GetInstanceAsync(instance.Id, Ct);
        Assert.NotNull(loaded);
        Assert.Equal(1, loaded.Version);
        Assert.Equal("c-1", loaded.CorrelationId);
        Assert.Equal(instance.StateJson, loaded.StateJson);
        Assert.Equal(WorkflowStatus.Suspended, loaded.Status);
        Assert.Equal(T0, loaded.CreatedAt);
        var loadedTask = await Store.GetTaskAsync(task.Id, Ct);
        Assert.Equal(["Approve", "Reject"], loadedTask!.Outcomes);
    }

    [Fact]
    public async Task Commit_UpdateWithCurrentVersion_IncrementsVersion()
    {
        var instance = Instance();
        await Store.CommitAsync(Insert(instance), Ct);
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        loaded.Status = WorkflowStatus.Finished;
        loaded.StateJson = """{"k":2}""";

        await Store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1) }, Ct);

        var again = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        Assert.Equal(2, again.Version);
        Assert.Equal(WorkflowStatus.Finished, again.Status);
        Assert.Equal("""{"k":2}""", again.StateJson);
    }

    [Fact]
    public async Task Commit_StaleVersion_ThrowsConflictAndWritesNothing()
    {
        var instance = Instance();
        await Store.CommitAsync(Insert(instance), Ct);
        var first = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        var second = (await (await OpenSecondSessionAsync()).GetInstanceAsync(instance.Id, Ct))!;
        first.StateJson = """{"winner":1}""";
        await Store.CommitAsync(new WorkflowCommit { Instance = new(first, 1) }, Ct);

        second.StateJson = """{"winner":2}""";
        var losing = new WorkflowCommit { Instance = new(second, 1), Journal = [Journal(instance.Id, 1)] };
        var session = await OpenSecondSessionAsync();
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => session.CommitAsync(losing, Ct));

        var stored = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        Assert.Equal("""{"winner":1}""", stored.StateJson);
        Assert.Empty(await Store.ListJournalAsync(instance.Id, 0, 10, Ct));
    }

    [Fact]
    public async Task Commit_InsertExistingInstance_ThrowsConflict()
    {
        var instance = Instance();
        await Store.CommitAsync(Insert(instance), Ct);

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(Insert(Instance(instance.Id)), Ct));
    }

    [Fact]
    public async Task FindBookmarks_ByNameAndHash_ReturnsOnlyMatchesOldestFirst()
    {
        var instance = Instance();
        var late = Bookmark(instance.Id, "paid", "h1", T0.AddMinutes(5));
        var early = Bookmark(instance.Id, "paid", "h1", T0);
        var otherHash = Bookmark(instance.Id, "paid", "h2");
        var otherName = Bookmark(instance.Id, "sent", "h1");
        await Store.CommitAsync(Insert(instance) with { BookmarksAdded = [late, early, otherHash, otherName] }, Ct);

        var found = await Store.FindBookmarksAsync("paid", "h1", Ct);

        Assert.Equal([early.Id, late.Id], found.Select(b => b.Id));
    }

    [Fact]
    public async Task Commit_RemoveMissingBookmark_ThrowsConflict()
    {
        var instance = Instance();
        var bookmark = Bookmark(instance.Id, "paid", "h1");
        await Store.CommitAsync(Insert(instance) with { BookmarksAdded = [bookmark] }, Ct);
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        await Store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1), BookmarksRemoved = [bookmark.Id] }, Ct);
        Assert.Empty(await Store.FindBookmarksAsync("paid", "h1", Ct));

        var again = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() =>
            Store.CommitAsync(new WorkflowCommit { Instance = new(again, 2), BookmarksRemoved = [bookmark.Id] }, Ct));
        Assert.Equal(2, (await Store.GetInstanceAsync(instance.Id, Ct))!.Version);
    }
}
