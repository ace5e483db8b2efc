using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>A step that removes several rows of one table: all go, or (one already gone) nothing is written.</summary>
public abstract partial class WorkflowStoreComplianceTests
{
    [Fact]
    public async Task Commit_RemoveSeveralBookmarksTimersAndParked_AllGoWithTheStep()
    {
        var (instance, bookmarks, timers, parked) = await SeveralOfEachAsync();
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;

        await Store.CommitAsync(new WorkflowCommit
        {
            Instance = new(loaded, 1), BookmarksRemoved = [.. bookmarks.Take(2)], TimersRemoved = [.. timers.Take(2)],
            ParkedRemoved = [.. parked.Take(2)], Journal = [Journal(instance.Id, 1)],
        }, Ct);

        Assert.Equal([bookmarks[2]], (await Store.FindBookmarksAsync("paid", "h1", Ct)).Select(b => b.Id));
        Assert.Null(await Store.GetTimerAsync(timers[0], Ct));
        Assert.Null(await Store.GetTimerAsync(timers[1], Ct));
        Assert.NotNull(await Store.GetTimerAsync(timers[2], Ct));
        Assert.Equal([parked[2]], (await Store.FindParkedStimuliAsync("paid", "h1", Ct)).Select(p => p.Id));
        Assert.Equal(2, (await Store.GetInstanceAsync(instance.Id, Ct))!.Version);
        Assert.Single(await Store.ListJournalAsync(instance.Id, 0, 10, Ct));
    }

    [Theory]
    [InlineData("bookmark")]
    [InlineData("timer")]
    [InlineData("parked")]
    public async Task Commit_RemoveSeveral_OneAlreadyGone_ThrowsConflictAndWritesNothing(string table)
    {
        var (instance, bookmarks, timers, parked) = await SeveralOfEachAsync();
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        var gone = Guid.NewGuid();
        var commit = new WorkflowCommit { Instance = new(loaded, 1), Journal = [Journal(instance.Id, 1)] };
        commit = table switch
        {
            "bookmark" => commit with { BookmarksRemoved = [bookmarks[0], gone, bookmarks[1]] },
            "timer" => commit with { TimersRemoved = [timers[0], gone, timers[1]] },
            _ => commit with { ParkedRemoved = [parked[0], gone, parked[1]] },
        };

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(commit, Ct));

        Assert.Equal(3, (await Store.FindBookmarksAsync("paid", "h1", Ct)).Count);
        foreach (var timer in timers)
        {
            Assert.NotNull(await Store.GetTimerAsync(timer, Ct));
        }

        Assert.Equal(3, (await Store.FindParkedStimuliAsync("paid", "h1", Ct)).Count);
        Assert.Equal(1, (await Store.GetInstanceAsync(instance.Id, Ct))!.Version);
        Assert.Empty(await Store.ListJournalAsync(instance.Id, 0, 10, Ct));
    }

    private async Task<(WorkflowInstanceRecord Instance, Guid[] Bookmarks, Guid[] Timers, Guid[] Parked)> SeveralOfEachAsync()
    {
        var instance = Instance();
        BookmarkRecord[] bookmarks = [.. Enumerable.Range(0, 3).Select(i => Bookmark(instance.Id, "paid", "h1", T0.AddMinutes(i)))];
        TimerRecord[] timers = [.. Enumerable.Range(0, 3).Select(i => Timer(instance.Id, T0.AddMinutes(i)))];
        ParkedStimulusRecord[] parked = [.. Enumerable.Range(0, 3).Select(i => new ParkedStimulusRecord
        {
            Id = Guid.NewGuid(), Name = "paid", CorrelationHash = "h1", IdempotencyKey = $"k{i}", StimulusJson = "{}", ParkedAt = T0.AddMinutes(i),
        })];
        await Store.CommitAsync(Insert(instance) with { BookmarksAdded = bookmarks, TimersAdded = timers, ParkedAdded = parked }, Ct);
        return (instance, [.. bookmarks.Select(b => b.Id)], [.. timers.Select(t => t.Id)], [.. parked.Select(p => p.Id)]);
    }
}
