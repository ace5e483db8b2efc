using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

public abstract partial class WorkflowStoreComplianceTests
{
    [Fact]
    public async Task Commit_SameIdempotencyKeyTwice_SecondThrowsAndRecordKeepsFirstResult()
    {
        var a = Instance();
        var b = Instance();
        var first = new StimulusRecord { IdempotencyKey = "k-1", InstanceId = a.Id, ResultJson = """{"r":1}""", ProcessedAt = T0 };
        await Store.CommitAsync(Insert(a) with { Stimuli = [first] }, Ct);

        var duplicate = new StimulusRecord { IdempotencyKey = "k-1", InstanceId = b.Id, ResultJson = """{"r":2}""", ProcessedAt = T0 };
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(Insert(b) with { Stimuli = [duplicate] }, Ct));

        var stored = await Store.FindStimulusAsync("k-1", Ct);
        Assert.Equal("""{"r":1}""", stored!.ResultJson);
        Assert.Equal(a.Id, stored.InstanceId);
        Assert.Null(await Store.GetInstanceAsync(b.Id, Ct));
        Assert.Null(await Store.FindStimulusAsync("k-2", Ct));
    }

    [Fact]
    public async Task PurgeStimuli_OlderThanTheCut_GoOldestFirstInBatches_NewerStay()
    {
        var records = new[]
        {
            new StimulusRecord { IdempotencyKey = "old-3", ProcessedAt = T0.AddDays(-3), ResultJson = "{}" },
            new StimulusRecord { IdempotencyKey = "old-2", ProcessedAt = T0.AddDays(-2), ResultJson = "{}" },
            new StimulusRecord { IdempotencyKey = "old-1", ProcessedAt = T0.AddDays(-1), ResultJson = "{}" },
            new StimulusRecord { IdempotencyKey = "at-cut", ProcessedAt = T0, ResultJson = "{}" },
            new StimulusRecord { IdempotencyKey = "new", ProcessedAt = T0.AddMinutes(1), ResultJson = "{}" },
        };
        await Store.CommitAsync(new WorkflowCommit { Stimuli = records }, Ct);

        Assert.Equal(2, await Store.PurgeStimuliAsync(T0, 2, Ct));
        Assert.Null(await Store.FindStimulusAsync("old-3", Ct));
        Assert.Null(await Store.FindStimulusAsync("old-2", Ct));
        Assert.NotNull(await Store.FindStimulusAsync("old-1", Ct));

        Assert.Equal(1, await Store.PurgeStimuliAsync(T0, 2, Ct));
        Assert.Equal(0, await Store.PurgeStimuliAsync(T0, 2, Ct));
        Assert.Null(await Store.FindStimulusAsync("old-1", Ct));
        Assert.NotNull(await Store.FindStimulusAsync("at-cut", Ct));
        Assert.NotNull(await Store.FindStimulusAsync("new", Ct));
    }

    [Fact]
    public async Task ParkedStimuli_AddFindTake_SecondTakeConflicts()
    {
        var parked = new ParkedStimulusRecord
        {
            Id = Guid.NewGuid(), Name = "paid", CorrelationHash = "h1", IdempotencyKey = "k", StimulusJson = """{"x":1}""", ParkedAt = T0,
        };
        var other = new ParkedStimulusRecord { Id = Guid.NewGuid(), Name = "paid", CorrelationHash = "h2", IdempotencyKey = "k2", ParkedAt = T0 };
        await Store.CommitAsync(new WorkflowCommit { ParkedAdded = [parked, other] }, Ct);

        var found = await Store.FindParkedStimuliAsync("paid", "h1", Ct);
        Assert.Equal(parked.Id, Assert.Single(found).Id);
        Assert.Equal("""{"x":1}""", found[0].StimulusJson);

        await Store.CommitAsync(new WorkflowCommit { ParkedRemoved = [parked.Id] }, Ct);
        Assert.Empty(await Store.FindParkedStimuliAsync("paid", "h1", Ct));
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(new WorkflowCommit { ParkedRemoved = [parked.Id] }, Ct));
        Assert.Single(await Store.FindParkedStimuliAsync("paid", "h2", Ct));
    }

    [Fact]
    public async Task ListTasks_ByGroupAndPerson_PagesInCreationOrderWithTotal()
    {
        var instance = Instance();
        var groupTasks = Enumerable.Range(0, 5).Select(i => Task(instance.Id, "roads", null, T0.AddMinutes(i))).ToList();
        var personal = Task(instance.Id, null, "li", T0.AddMinutes(10));
        var otherGroup = Task(instance.Id, "water", null, T0);
        var completed = Task(instance.Id, "roads", null, T0.AddMinutes(20));
        completed.Status = WorkflowTaskStatus.Completed;
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [.. groupTasks, personal, otherGroup, completed] }, Ct);

        var page2 = await Store.ListTasksAsync(new TaskQuery("roads", null, Skip: 2, Take: 2), Ct);
        var mine = await Store.ListTasksAsync(new TaskQuery("roads", "li", Take: 100), Ct);
        var withClosed = await Store.ListTasksAsync(new TaskQuery("roads", null, IncludeClosed: true, Take: 100), Ct);

        Assert.Equal(5, page2.TotalCount);
        Assert.Equal([groupTasks[2].Id, groupTasks[3].Id], page2.Items.Select(t => t.Id));
        Assert.Equal(6, mine.TotalCount);
        Assert.Equal(personal.Id, mine.Items[^1].Id);
        Assert.Equal(6, withClosed.TotalCount);
    }

    [Fact]
    public async Task ListTasks_ClaimedByPerson_IsInTheirList()
    {
        var instance = Instance();
        var task = Task(instance.Id, "roads", null, T0);
        task.Status = WorkflowTaskStatus.Claimed;
        task.ClaimedBy = "wang";
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [task] }, Ct);

        var page = await Store.ListTasksAsync(new TaskQuery(null, "wang"), Ct);

        Assert.Equal(task.Id, Assert.Single(page.Items).Id);
    }

    [Fact]
    public async Task ListDueTimers_OrdersByDueAndBoundsBatch()
    {
        var instance = Instance();
        var t3 = Timer(instance.Id, T0.AddMinutes(3));
        var t1 = Timer(instance.Id, T0.AddMinutes(1));
        var t2 = Timer(instance.Id, T0.AddMinutes(2));
        var future = Timer(instance.Id, T0.AddHours(1));
        await Store.CommitAsync(Insert(instance) with { TimersAdded = [t3, t1, future, t2] }, Ct);

        var due = await Store.ListDueTimersAsync(T0.AddMinutes(30), 2, Ct);
        var all = await Store.ListDueTimersAsync(T0.AddMinutes(30), 100, Ct);

        Assert.Equal([t1.Id, t2.Id], due.Select(t => t.Id));
        Assert.Equal([t1.Id, t2.Id, t3.Id], all.Select(t => t.Id));
        Assert.Equal(T0.AddMinutes(1), due[0].DueAt);
    }

    [Fact]
    public async Task Commit_RemoveTimerTwice_SecondConflicts()
    {
        var instance = Instance();
        var timer = Timer(instance.Id, T0);
        await Store.CommitAsync(Insert(instance) with { TimersAdded = [timer] }, Ct);

        await Store.CommitAsync(new WorkflowCommit { TimersRemoved = [timer.Id] }, Ct);

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(new WorkflowCommit { TimersRemoved = [timer.Id] }, Ct));
        Assert.Null(await Store.GetTimerAsync(timer.Id, Ct));
    }

    [Fact]
    public async Task ListJournal_ReturnsSequenceOrderAcrossCommits()
    {
        var instance = Instance();
        await Store.CommitAsync(Insert(instance) with { Journal = [Journal(instance.Id, 2), Journal(instance.Id, 1)] }, Ct);
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        await Store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1), Journal = [Journal(instance.Id, 3)] }, Ct);
        await Store.CommitAsync(Insert(Instance()) with { Journal = [Journal(Guid.NewGuid(), 9)] }, Ct);

        var journal = await Store.ListJournalAsync(instance.Id, 0, 100, Ct);
        var tail = await Store.ListJournalAsync(instance.Id, 1, 1, Ct);

        Assert.Equal([1L, 2L, 3L], journal.Select(j => j.Sequence));
        Assert.Equal(2L, Assert.Single(tail).Sequence);
    }

    [Fact]
    public async Task Definitions_PublishFlagsReplaced_LatestAndPublishedQueriesFollow()
    {
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(Definition("intake", 1, latest: true, published: true, trigger: "reported"), null)] }, Ct);
        var v1 = (await Store.GetDefinitionAsync("intake", 1, Ct))!;
        v1.IsLatest = false;
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(v1, v1.UpdatedAt), new(Definition("intake", 2, latest: true, published: false, trigger: "reported"), null)] }, Ct);

        Assert.Equal(2, (await Store.GetLatestDefinitionAsync("intake", Ct))!.Version);
        Assert.Equal(1, (await Store.GetPublishedDefinitionAsync("intake", Ct))!.Version);
        Assert.Equal(1, Assert.Single(await Store.ListPublishedByTriggerAsync("reported", Ct)).Version);
        Assert.Equal([1, 2], (await Store.ListDefinitionVersionsAsync("intake", Ct)).Select(d => d.Version));
        Assert.Equal(2, Assert.Single(await Store.ListLatestDefinitionsAsync(Ct)).Version);
        Assert.Empty(await Store.ListPublishedByTriggerAsync("other", Ct));
    }

    [Fact]
    public async Task ListOutbox_ReturnsInstanceRowsOnly()
    {
        var instance = Instance();
        var row = new OutboxRecord { Id = Guid.NewGuid(), InstanceId = instance.Id, ActivityId = "n", Channel = "sms", Body = "{}", CreatedAt = T0 };
        var foreign = new OutboxRecord { Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), ActivityId = "n", Channel = "sms", Body = "{}", CreatedAt = T0 };
        await Store.CommitAsync(Insert(instance) with { Outbox = [row, foreign] }, Ct);

        Assert.Equal(row.Id, Assert.Single(await Store.ListOutboxAsync(instance.Id, Ct)).Id);
    }
}
