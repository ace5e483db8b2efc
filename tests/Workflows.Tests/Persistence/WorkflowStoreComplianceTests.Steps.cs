using CityOps.Workflows.Persistence;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>The reads and writes of one engine step: task with instance, published version identity, many journal rows.</summary>
public abstract partial class WorkflowStoreComplianceTests
{
    [Fact]
    public async Task GetTaskForStep_ReturnsTaskInstanceAndDefinitionRowIdentity()
    {
        var definition = Definition("flow", 1, latest: true, published: true);
        definition.ContentHash = "hash-1";
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(definition, null)] }, Ct);
        var instance = Instance();
        var task = Task(instance.Id, "g", null, T0);
        task.ClaimedBy = "li";
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [task] }, Ct);

        var loaded = await Store.GetTaskForStepAsync(task.Id, Ct);

        Assert.NotNull(loaded);
        Assert.Equal((task.Id, "li", WorkflowTaskStatus.Open), (loaded.Task.Id, loaded.Task.ClaimedBy, loaded.Task.Status));
        Assert.Equal(["Approve", "Reject"], loaded.Task.Outcomes);
        Assert.NotNull(loaded.Step);
        Assert.Equal((instance.Id, 1L, instance.StateJson), (loaded.Step.Instance.Id, loaded.Step.Instance.Version, loaded.Step.Instance.StateJson));
        Assert.Equal(("flow:v1", "hash-1"), (loaded.Step.DefinitionRowId, loaded.Step.DefinitionContentHash));
    }

    [Fact]
    public async Task GetTaskForStep_NoDefinitionRow_InstanceWithoutIdentity_UnknownTask_Null()
    {
        var instance = Instance(definitionId: "gone");
        var task = Task(instance.Id, "g", null, T0);
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [task] }, Ct);

        var loaded = await Store.GetTaskForStepAsync(task.Id, Ct);

        Assert.Equal(instance.Id, loaded!.Step!.Instance.Id);
        Assert.Null(loaded.Step.DefinitionRowId);
        Assert.Null(loaded.Step.DefinitionContentHash);
        Assert.Null(await Store.GetTaskForStepAsync(Guid.NewGuid(), Ct));
    }

    [Fact]
    public async Task GetPublishedDefinitionKey_FollowsThePublishedRow()
    {
        Assert.Null(await Store.GetPublishedDefinitionKeyAsync("flow", Ct));
        var v1 = Definition("flow", 1, latest: false, published: true);
        v1.ContentHash = "h1";
        var v2 = Definition("flow", 2, latest: true, published: false);
        v2.ContentHash = "h2";
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(v1, null), new(v2, null)] }, Ct);

        var key = await Store.GetPublishedDefinitionKeyAsync("flow", Ct);
        Assert.Equal(("flow:v1", "flow", 1, "h1"), (key!.Id, key.DefinitionId, key.Version, key.ContentHash));

        var (oldRead, newRead) = ((await Store.GetDefinitionAsync("flow", 1, Ct))!, (await Store.GetDefinitionAsync("flow", 2, Ct))!);
        oldRead.IsPublished = false;
        oldRead.UpdatedAt = T0.AddMinutes(1);
        newRead.IsPublished = true;
        newRead.UpdatedAt = T0.AddMinutes(1);
        await Store.CommitAsync(new WorkflowCommit { DefinitionsSaved = [new(oldRead, T0), new(newRead, T0)] }, Ct);

        key = await Store.GetPublishedDefinitionKeyAsync("flow", Ct);
        Assert.Equal(("flow:v2", 2, "h2"), (key!.Id, key.Version, key.ContentHash));
    }

    [Fact]
    public async Task Commit_ManyJournalRows_LoadBackFieldForField()
    {
        var instance = Instance();
        var rows = Enumerable.Range(1, 120).Select(i =>
        {
            var row = Journal(instance.Id, i);
            row.Actor = i % 2 == 0 ? null : $"actor-{i}";
            row.Payload = i % 3 == 0 ? null : $$"""{"note":"第{{i}}条 'quoted' {braces}"}""";
            row.Outcomes = i % 4 == 0 ? "" : "Done,Other";
            row.Timestamp = new DateTimeOffset(2026, 11, 29, 1, 30, 0, TimeSpan.Zero).AddMicroseconds(i);
            return row;
        }).ToList();
        await Store.CommitAsync(Insert(instance) with { Journal = rows[..60] }, Ct);
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        await Store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1), Journal = rows[60..] }, Ct);

        var journal = await Store.ListJournalAsync(instance.Id, 0, 500, Ct);

        Assert.Equal(rows.Count, journal.Count);
        foreach (var (expected, actual) in rows.Zip(journal))
        {
            Assert.Equal(
                (expected.Id, expected.InstanceId, expected.Sequence, expected.ActivityId, expected.ActivityType, expected.EventName, expected.Outcomes, expected.Actor, expected.Payload),
                (actual.Id, actual.InstanceId, actual.Sequence, actual.ActivityId, actual.ActivityType, actual.EventName, actual.Outcomes, actual.Actor, actual.Payload));
            Assert.Equal(expected.Timestamp.UtcTicks, actual.Timestamp.UtcTicks);
        }

        Assert.Equal(2, (await Store.GetInstanceAsync(instance.Id, Ct))!.Version);
    }

    [Fact]
    public async Task Commit_RowsPastOneCommandsParameters_AllLoadBack_TwiceInARow()
    {
        // 200 journal rows of 10 columns are more parameters than one command takes (SQL Server: 2,100), so the store
        // splits them over several commands; the second commit has the same shape and gets its own values.
        var instance = Instance();
        var rows = Enumerable.Range(1, 400).Select(i =>
        {
            var row = Journal(instance.Id, i);
            row.Payload = $$"""{"n":{{i}}}""";
            return row;
        }).ToList();
        await Store.CommitAsync(Insert(instance) with { Journal = rows[..200], TasksAdded = [Task(instance.Id, "roads", null, T0)] }, Ct);
        var loaded = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        await Store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1), Journal = rows[200..] }, Ct);

        var journal = await Store.ListJournalAsync(instance.Id, 0, 1000, Ct);

        Assert.Equal(rows.Select(r => (r.Id, r.Sequence, r.Payload)), journal.Select(r => (r.Id, r.Sequence, r.Payload)));
        Assert.Single((await Store.ListTasksAsync(new TaskQuery("roads", null), Ct)).Items);
    }

    [Fact]
    public async Task Commit_ManyJournalRows_StaleVersionOrDuplicateKey_WritesNothing()
    {
        var instance = Instance();
        await Store.CommitAsync(Insert(instance) with { Stimuli = [new StimulusRecord { IdempotencyKey = "k", ProcessedAt = T0 }] }, Ct);
        var first = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        var second = (await (await OpenSecondSessionAsync()).GetInstanceAsync(instance.Id, Ct))!;
        await Store.CommitAsync(new WorkflowCommit { Instance = new(first, 1), Journal = [Journal(instance.Id, 1), Journal(instance.Id, 2)] }, Ct);

        var stale = new WorkflowCommit { Instance = new(second, 1), Journal = [Journal(instance.Id, 3), Journal(instance.Id, 4), Journal(instance.Id, 5)] };
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(stale, Ct));
        var current = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        var duplicate = new WorkflowCommit
        {
            Instance = new(current, 2), Journal = [Journal(instance.Id, 3), Journal(instance.Id, 4)],
            Stimuli = [new StimulusRecord { IdempotencyKey = "k", ProcessedAt = T0 }],
        };
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(duplicate, Ct));

        Assert.Equal([1L, 2L], (await Store.ListJournalAsync(instance.Id, 0, 10, Ct)).Select(j => j.Sequence));
        Assert.Equal(2, (await Store.GetInstanceAsync(instance.Id, Ct))!.Version);

        // The session is usable after the failures: the next commit with the right version goes through.
        await Store.CommitAsync(new WorkflowCommit { Instance = new(current, 2), Journal = [Journal(instance.Id, 3), Journal(instance.Id, 4)] }, Ct);
        Assert.Equal(4, (await Store.ListJournalAsync(instance.Id, 0, 10, Ct)).Count);
    }

    [Fact]
    public async Task Commit_WithOriginals_WritesChangedColumnsAndKeepsEveryCheck()
    {
        var instance = Instance();
        instance.CorrelationId = "c-1";
        var task = Task(instance.Id, "g", null, T0);
        await Store.CommitAsync(Insert(instance) with { TasksAdded = [task] }, Ct);
        var read = (await Store.GetTaskForStepAsync(task.Id, Ct))!;
        var (original, originalTask) = (read.Step!.Instance.Copy(), read.Task.Copy());
        var changed = read.Step.Instance;
        changed.StateJson = """{"k":2}""";
        changed.Status = WorkflowStatus.Finished;
        changed.FinishedAt = T0.AddHours(1);
        read.Task.Status = WorkflowTaskStatus.Completed;
        read.Task.Outcome = "Approve";

        await Store.CommitAsync(new WorkflowCommit
        {
            Instance = new(changed, 1) { Original = original }, TasksUpdated = [read.Task],
            TaskOriginals = new Dictionary<Guid, WorkflowTaskRecord> { [task.Id] = originalTask },
        }, Ct);

        var again = (await Store.GetTaskForStepAsync(task.Id, Ct))!;
        Assert.Equal((2L, WorkflowStatus.Finished, """{"k":2}""", "c-1", T0.AddHours(1)),
            (again.Step!.Instance.Version, again.Step.Instance.Status, again.Step.Instance.StateJson, again.Step.Instance.CorrelationId, again.Step.Instance.FinishedAt));
        Assert.Equal((WorkflowTaskStatus.Completed, "Approve", "g"), (again.Task.Status, again.Task.Outcome, again.Task.AssigneeGroup));
        Assert.Equal(["Approve", "Reject"], again.Task.Outcomes);

        // The same originals again: the version moved on, so the commit conflicts and writes nothing.
        changed.StateJson = """{"k":3}""";
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(
            new WorkflowCommit { Instance = new(changed, 1) { Original = original } }, Ct));

        // An unchanged task row that is gone still conflicts.
        var current = (await Store.GetInstanceAsync(instance.Id, Ct))!;
        var ghost = Task(instance.Id, "g", null, T0);
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => Store.CommitAsync(new WorkflowCommit
        {
            Instance = new(current, 2) { Original = current.Copy() }, TasksUpdated = [ghost],
            TaskOriginals = new Dictionary<Guid, WorkflowTaskRecord> { [ghost.Id] = ghost.Copy() },
        }, Ct));
        Assert.Equal("""{"k":2}""", (await Store.GetInstanceAsync(instance.Id, Ct))!.StateJson);
    }
}
