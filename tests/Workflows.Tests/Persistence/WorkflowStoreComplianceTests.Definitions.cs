using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

public abstract partial class WorkflowStoreComplianceTests
{
    [Fact]
    public async Task Commit_DefinitionChangedSinceRead_ThrowsConflictAndWritesNothing()
    {
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(Definition("intake", 1, latest: true, published: true), null)] }, Ct);
        var first = (await Store.GetDefinitionAsync("intake", 1, Ct))!;
        var second = (await (await OpenSecondSessionAsync()).GetDefinitionAsync("intake", 1, Ct))!;

        first.IsPublished = false;
        first.UpdatedAt = T0.AddMinutes(1);
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(first, T0)] }, Ct);

        // The second writer read v1 before the first changed it: its publish of v2 must not go through.
        second.IsPublished = false;
        second.IsLatest = false;
        second.UpdatedAt = T0.AddMinutes(2);
        var losing = new WorkflowCommit
        {
            DefinitionsSaved = [new(second, T0), new(Definition("intake", 2, latest: true, published: true), null)],
        };
        var session = await OpenSecondSessionAsync();
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => session.CommitAsync(losing, Ct));

        Assert.Equal([1], (await Store.ListDefinitionVersionsAsync("intake", Ct)).Select(d => d.Version));
        Assert.Null(await Store.GetPublishedDefinitionAsync("intake", Ct));
        Assert.True((await Store.GetDefinitionAsync("intake", 1, Ct))!.IsLatest);
    }

    [Fact]
    public async Task Commit_DefinitionVersionInsertedTwice_SecondConflicts()
    {
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(Definition("intake", 1, latest: true, published: false), null)] }, Ct);

        var again = Definition("intake", 1, latest: true, published: true);
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(again, null)] }, Ct));

        Assert.False((await Store.GetDefinitionAsync("intake", 1, Ct))!.IsPublished);
    }

    [Fact]
    public async Task ListParkedBefore_ReturnsOnlyOlderOnesOldestFirstBounded()
    {
        ParkedStimulusRecord Parked(DateTimeOffset at) => new()
        {
            Id = Guid.NewGuid(), Name = "paid", CorrelationHash = "h", IdempotencyKey = Guid.NewGuid().ToString(), ParkedAt = at,
        };
        var old2 = Parked(T0.AddMinutes(2));
        var old1 = Parked(T0.AddMinutes(1));
        var old3 = Parked(T0.AddMinutes(3));
        var fresh = Parked(T0.AddDays(1));
        await Store.CommitAsync(new WorkflowCommit { ParkedAdded = [old2, fresh, old1, old3] }, Ct);

        var batch = await Store.ListParkedBeforeAsync(T0.AddHours(1), 2, Ct);
        var all = await Store.ListParkedBeforeAsync(T0.AddHours(1), 100, Ct);

        Assert.Equal([old1.Id, old2.Id], batch.Select(p => p.Id));
        Assert.Equal([old1.Id, old2.Id, old3.Id], all.Select(p => p.Id));
    }
}
