using System.Runtime.CompilerServices;
using CityOps.Cases.Cases;
using CityOps.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityOps.CaseApi.Endpoints;

/// <summary>A task as the inbox shows it, with what its view needs of its case (null when it has none).</summary>
internal sealed record InboxRow(WorkflowTaskRecord Task, CityCase? Case);

/// <summary>
/// The task reads of the case loop as compiled queries: no expression tree is built, no list parameter is expanded
/// and no SQL is generated per call (a <c>Contains</c> over a list parameter makes EF generate the SQL on every
/// execution). The inbox reads a page of tasks together with their cases' open stage and suspensions in one statement.
/// </summary>
internal static class TaskQueries
{
    /// <summary>How many assignee groups the compiled inbox takes; a caller with more (or none) takes the LINQ query.</summary>
    public const int GroupSlots = 12;

    private static readonly ConditionalWeakTable<IModel, Compiled> PerModel = [];

    public static Task<WorkflowTaskRecord?> TaskAsync(DbContext db, Guid id, CancellationToken cancellationToken) =>
        For(db).Task(db, id, cancellationToken);

    /// <summary>
    /// The task with its instance and definition identity as the engine's completion reads them (handed to it, so it
    /// reads nothing more), its case with stages and suspensions as a step loads it for update (handed to the step's
    /// context), and whether other tasks of the instance are open or claimed (when none are, the completion need not
    /// list them), in one statement.
    /// </summary>
    public static async Task<TaskAndCase?> TaskAndCaseAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (await For(db).TaskAndCase(db, id, cancellationToken) is not { } row)
        {
            return null;
        }

        if (row.Case is { } c)
        {
            (c.Stages, c.Suspensions) = (row.Stages ?? [], row.Suspensions ?? []);
        }

        var step = row.Instance is { } i ? new InstanceForStep(i, row.DefinitionRowId, row.DefinitionContentHash) : null;
        return new TaskAndCase(new TaskForStep(row.Task, step), row.Case, row.OthersOpen);
    }

    /// <summary>Activity and group of the open and claimed tasks of an instance (a handful).</summary>
    public static Task<List<OpenTask>> OpenTasksAsync(DbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        ToListAsync(For(db).OpenTasks(db, instanceId), cancellationToken);

    public static Task<CaseStatus?> CaseStatusAsync(DbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        For(db).CaseStatus(db, instanceId, cancellationToken);

    /// <summary>
    /// One page of the open tasks of <paramref name="groups"/> (1 to <see cref="GroupSlots"/>) or assigned to or
    /// claimed by <paramref name="person"/>, oldest first, with their cases.
    /// </summary>
    public static async Task<List<InboxRow>> InboxAsync(
        DbContext db, IReadOnlyList<string> groups, string person, int skip, int take, CancellationToken cancellationToken)
    {
        if (groups.Count is 0 or > GroupSlots)
        {
            throw new ArgumentOutOfRangeException(nameof(groups), groups.Count, $"Between 1 and {GroupSlots} groups.");
        }

        // Unused slots repeat the first group: the same rows, and one cached statement whatever the caller's group count.
        string G(int i) => groups[i < groups.Count ? i : 0];
        var rows = For(db).Inbox(db, G(0), G(1), G(2), G(3), G(4), G(5), G(6), G(7), G(8), G(9), G(10), G(11), person, skip, take);
        return Rows(await ToListAsync(rows, cancellationToken));
    }

    /// <summary>One page of one group's (when given) or one person's (when given) open tasks, with their cases.</summary>
    public static async Task<List<InboxRow>> GroupOrPersonAsync(
        DbContext db, string? group, string? person, int skip, int take, CancellationToken cancellationToken) =>
        Rows(await ToListAsync(For(db).GroupOrPerson(db, group, person, skip, take), cancellationToken));

    private static List<InboxRow> Rows(List<TaskRow> rows) =>
        [.. rows.Select(r => new InboxRow(r.Task, r.CaseId is not { } id ? null : new CityCase
        {
            Id = id, Number = r.Number!, Title = r.Title!, WorkflowInstanceId = r.Task.InstanceId,
            Stages = r.Open ?? [], Suspensions = r.Suspensions ?? [],
        }))];

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    private static Compiled For(DbContext db) => PerModel.GetValue(db.Model, static _ => new Compiled());

    /// <summary>A task as its completion reads it; <see cref="Case"/> is untracked, for the step's context to attach.</summary>
    internal sealed record TaskAndCase(TaskForStep Read, CityCase? Case, bool OthersOpen)
    {
        public WorkflowTaskRecord Task => Read.Task;

        public Guid? CaseId => Case?.Id;
    }

    private sealed class TaskAndCaseRow
    {
        public WorkflowTaskRecord Task { get; init; } = null!;

        public WorkflowInstanceRecord? Instance { get; init; }

        public string? DefinitionRowId { get; init; }

        public string? DefinitionContentHash { get; init; }

        public CityCase? Case { get; init; }

        public List<CaseStage>? Stages { get; init; }

        public List<CaseSuspension>? Suspensions { get; init; }

        public bool OthersOpen { get; init; }
    }

    internal sealed record OpenTask(string ActivityId, string? AssigneeGroup);

    // A task and what its view reads of its case (a flat left join, so each table is read by its index): id, number,
    // title, the open stage clock(s) and the suspensions.
    private sealed class TaskRow
    {
        public WorkflowTaskRecord Task { get; init; } = null!;

        public Guid? CaseId { get; init; }

        public string? Number { get; init; }

        public string? Title { get; init; }

        public List<CaseStage>? Open { get; init; }

        public List<CaseSuspension>? Suspensions { get; init; }
    }

    private sealed class Compiled
    {
        public Func<DbContext, Guid, CancellationToken, Task<WorkflowTaskRecord?>> Task { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => db.Set<WorkflowTaskRecord>().AsNoTracking().FirstOrDefault(t => t.Id == id));

        // The engine's task-for-step statement (task, its instance, its definition row's identity), the case as a step
        // loads it (stages and suspensions in key order, as that query's Include gives them) and whether any other task
        // of the instance is open (by the InstanceId index).
        public Func<DbContext, Guid, CancellationToken, Task<TaskAndCaseRow?>> TaskAndCase { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => (
                from t in db.Set<WorkflowTaskRecord>().AsNoTracking().AsSingleQuery()
                where t.Id == id
                from i in db.Set<WorkflowInstanceRecord>().Where(i => i.Id == t.InstanceId).DefaultIfEmpty()
                from d in db.Set<WorkflowDefinitionRecord>()
                    .Where(d => i != null && d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion).DefaultIfEmpty()
                from c in db.Set<CityCase>().Where(c => c.WorkflowInstanceId == t.InstanceId).DefaultIfEmpty()
                select new TaskAndCaseRow
                {
                    Task = t, Instance = i, DefinitionRowId = d == null ? null : d.Id, DefinitionContentHash = d == null ? null : d.ContentHash,
                    Case = c, Stages = c!.Stages.OrderBy(s => s.Id).ToList(), Suspensions = c.Suspensions.OrderBy(s => s.Id).ToList(),
                    OthersOpen = db.Set<WorkflowTaskRecord>().Any(o => o.InstanceId == t.InstanceId && o.Id != t.Id
                        && (o.Status == WorkflowTaskStatus.Open || o.Status == WorkflowTaskStatus.Claimed)),
                })
                .FirstOrDefault());

        public Func<DbContext, Guid, IAsyncEnumerable<OpenTask>> OpenTasks { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid instanceId) => db.Set<WorkflowTaskRecord>().AsNoTracking()
                .Where(t => t.InstanceId == instanceId && (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed))
                .Select(t => new OpenTask(t.ActivityId, t.AssigneeGroup)));

        public Func<DbContext, Guid, CancellationToken, Task<CaseStatus?>> CaseStatus { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid instanceId, CancellationToken ct) => db.Set<CityCase>()
                .Where(c => c.WorkflowInstanceId == instanceId).Select(c => (CaseStatus?)c.Status).FirstOrDefault());

        public Func<DbContext, string, string, string, string, string, string, string, string, string, string, string, string, string, int, int, IAsyncEnumerable<TaskRow>> Inbox { get; } =
            EF.CompileAsyncQuery((DbContext db, string g1, string g2, string g3, string g4, string g5, string g6, string g7, string g8,
                    string g9, string g10, string g11, string g12, string me, int skip, int take) =>
                db.Set<WorkflowTaskRecord>().AsNoTracking().AsSingleQuery()
                    .Where(t => (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed)
                        && (t.AssigneeGroup == g1 || t.AssigneeGroup == g2 || t.AssigneeGroup == g3 || t.AssigneeGroup == g4
                            || t.AssigneeGroup == g5 || t.AssigneeGroup == g6 || t.AssigneeGroup == g7 || t.AssigneeGroup == g8
                            || t.AssigneeGroup == g9 || t.AssigneeGroup == g10 || t.AssigneeGroup == g11 || t.AssigneeGroup == g12
                            || t.AssigneePerson == me || t.ClaimedBy == me))
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(skip).Take(take)
                    .LeftJoin(db.Set<CityCase>(), t => (Guid?)t.InstanceId, c => c.WorkflowInstanceId, (t, c) => new TaskRow
                    {
                        Task = new WorkflowTaskRecord
                        {
                            Id = t.Id, InstanceId = t.InstanceId, Title = t.Title, Status = t.Status, AssigneeGroup = t.AssigneeGroup,
                            AssigneePerson = t.AssigneePerson, ClaimedBy = t.ClaimedBy, DueAt = t.DueAt, CreatedAt = t.CreatedAt, Outcomes = t.Outcomes,
                        },
                        CaseId = c == null ? null : c.Id, Number = c == null ? null : c.Number, Title = c == null ? null : c.Title,
                        Open = c!.Stages.Where(s => s.CompletedAt == null).ToList(), Suspensions = c.Suspensions.ToList(),
                    }));

        public Func<DbContext, string?, string?, int, int, IAsyncEnumerable<TaskRow>> GroupOrPerson { get; } =
            EF.CompileAsyncQuery((DbContext db, string? group, string? person, int skip, int take) =>
                db.Set<WorkflowTaskRecord>().AsNoTracking().AsSingleQuery()
                    .Where(t => (t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed)
                        && ((group != null && t.AssigneeGroup == group) || (person != null && (t.AssigneePerson == person || t.ClaimedBy == person))))
                    .OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(skip).Take(take)
                    .LeftJoin(db.Set<CityCase>(), t => (Guid?)t.InstanceId, c => c.WorkflowInstanceId, (t, c) => new TaskRow
                    {
                        Task = new WorkflowTaskRecord
                        {
                            Id = t.Id, InstanceId = t.InstanceId, Title = t.Title, Status = t.Status, AssigneeGroup = t.AssigneeGroup,
                            AssigneePerson = t.AssigneePerson, ClaimedBy = t.ClaimedBy, DueAt = t.DueAt, CreatedAt = t.CreatedAt, Outcomes = t.Outcomes,
                        },
                        CaseId = c == null ? null : c.Id, Number = c == null ? null : c.Number, Title = c == null ? null : c.Title,
                        Open = c!.Stages.Where(s => s.CompletedAt == null).ToList(), Suspensions = c.Suspensions.ToList(),
                    }));
    }
}
