using System.Security.Claims;
using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Cases;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using CityOps.Workflows.Tasks;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// <c>/api/tasks</c>: the caller's inbox (their role, area and department groups, and tasks assigned to or claimed by
/// them), one task with its outcomes and form, claim, complete. A task of another group is 403.
/// </summary>
internal static class TaskEndpoints
{
    internal sealed record CompleteRequest(string? Outcome, string? Comment, JsonElement? Form);

    public static RouteGroupBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.SignedIn);
        group.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("Open tasks of the caller's groups, oldest first; ?group= or ?person= lists one group's or person's (command roles and auditors: any).");
        group.MapGet("/{id:guid}", GetAsync).WithName("GetTask");
        group.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask");
        group.MapPost("/{id:guid}/complete", TaskCompletion.CompleteAsync).DisableAntiforgery().WithName("CompleteTask")
            .WithSummary("Completes the task with an outcome, form data, comment and photos (JSON or multipart).");
        return group;
    }

    /// <summary>
    /// The caller's inbox, or — with <paramref name="group"/> or <paramref name="person"/> — one group's or one person's
    /// open tasks: anyone may ask for their own groups; command-centre roles and auditors for any group or person.
    /// </summary>
    internal static async Task<IResult> ListAsync(
        int? skip, int? take, string? group, string? person, ClaimsPrincipal user, CityOpsDbContext db, CaseViews views, CancellationToken cancellationToken)
    {
        if (skip is < 0 || take is < 1 or > 200)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [skip is < 0 ? "skip" : "take"] = [skip is < 0 ? "Not negative." : "Between 1 and 200."],
            });
        }

        var caller = Caller.From(user);
        var groups = caller.Groups;
        var me = caller.UserName;
        var (from, size) = (skip ?? 0, take ?? 50);
        List<InboxRow> page;
        IQueryable<WorkflowTaskRecord> Matching() => Open(db).Where(group is null && person is null
            ? t => (t.AssigneeGroup != null && groups.Contains(t.AssigneeGroup)) || t.AssigneePerson == me || t.ClaimedBy == me
            : t => (group != null && t.AssigneeGroup == group) || (person != null && (t.AssigneePerson == person || t.ClaimedBy == person)));
        if (group is null && person is null)
        {
            page = groups.Count is > 0 and <= TaskQueries.GroupSlots
                ? await TaskQueries.InboxAsync(db, groups, me, from, size, cancellationToken)
                : await PageWithCasesAsync(db, Matching(), from, size, cancellationToken); // no group, or more than the compiled query takes
        }
        else
        {
            var overseer = Overseers.Any(user.IsInRole);
            if (!overseer && ((group is not null && !groups.Contains(group)) || (person is not null && person != me)))
            {
                return TypedResults.Problem(statusCode: 403, title: "Not your inbox.",
                    detail: "Only command-centre roles and auditors may list another group's or person's tasks.");
            }

            page = await TaskQueries.GroupOrPersonAsync(db, group, person, from, size, cancellationToken);
        }

        // A short page that is not past the end already tells the total (the usual inbox): count only otherwise.
        var total = page.Count < size && (page.Count > 0 || from == 0) ? from + page.Count : await Matching().CountAsync(cancellationToken);
        return TypedResults.Ok(new Paged<TaskSummary>([.. page.Select(r => TaskViews.Summary(r.Task, r.Case, views))], total));
    }

    private static IQueryable<WorkflowTaskRecord> Open(CityOpsDbContext db) => db.Set<WorkflowTaskRecord>().AsNoTracking()
        .Where(t => t.Status == WorkflowTaskStatus.Open || t.Status == WorkflowTaskStatus.Claimed);

    /// <summary>The inbox page by LINQ, then its cases (two statements): for callers the compiled inbox does not take.</summary>
    internal static async Task<List<InboxRow>> PageWithCasesAsync(
        CityOpsDbContext db, IQueryable<WorkflowTaskRecord> tasks, int from, int size, CancellationToken cancellationToken)
    {
        var page = await tasks.OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).Skip(from).Take(size).ToListAsync(cancellationToken);
        var cases = await CasesOfAsync(db, page.Select(t => t.InstanceId), cancellationToken);
        return [.. page.Select(t => new InboxRow(t, cases.GetValueOrDefault(t.InstanceId)))];
    }

    private static readonly string[] Overseers = ["Acceptor", "ShiftLeader", "Dispatcher", "Auditor", "Administrator"];

    internal static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, CityOpsDbContext db, CaseViews views, CancellationToken cancellationToken)
    {
        var (task, denied) = await WorkableTaskAsync(id, user, db, cancellationToken);
        if (task is null)
        {
            return denied;
        }

        var cases = await CasesOfAsync(db, [task.InstanceId], cancellationToken);
        return TypedResults.Ok(TaskViews.Detail(task, cases.GetValueOrDefault(task.InstanceId), views));
    }

    internal static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, CityOpsDbContext db, ITaskService tasks, CaseViews views, CancellationToken cancellationToken)
    {
        var (task, denied) = await WorkableTaskAsync(id, user, db, cancellationToken);
        if (task is null)
        {
            return denied;
        }

        try
        {
            var claimed = await tasks.ClaimAsync(id, user.UserNameOf(), cancellationToken);
            var cases = await CasesOfAsync(db, [claimed.InstanceId], cancellationToken);
            return TypedResults.Ok(TaskViews.Summary(claimed, cases.GetValueOrDefault(claimed.InstanceId), views));
        }
        catch (Exception ex) when (EngineProblem(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>
    /// What a task view needs of its case, by workflow instance, in one query: id, number, title, the open stage(s) and
    /// the suspensions (for the stage clock). The returned cases are partial — only for <see cref="TaskViews"/>.
    /// </summary>
    internal static async Task<Dictionary<Guid, CityCase>> CasesOfAsync(CityOpsDbContext db, IEnumerable<Guid> instanceIds, CancellationToken cancellationToken)
    {
        var ids = instanceIds.Distinct().Select(i => (Guid?)i).ToList();
        var rows = await db.Set<CityCase>().AsNoTracking().AsSingleQuery() // at most a stage or two and a few suspensions per case
            .Where(c => ids.Contains(c.WorkflowInstanceId))
            .Select(c => new
            {
                c.Id, c.Number, c.Title, c.WorkflowInstanceId,
                Open = c.Stages.Where(s => s.CompletedAt == null).ToList(),
                c.Suspensions,
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.WorkflowInstanceId!.Value, r => new CityCase
        {
            Id = r.Id, Number = r.Number, Title = r.Title, WorkflowInstanceId = r.WorkflowInstanceId, Stages = r.Open, Suspensions = r.Suspensions,
        });
    }

    /// <summary>The task when the caller may work it; otherwise 404 or 403.</summary>
    internal static async Task<(WorkflowTaskRecord? Task, IResult Denied)> WorkableTaskAsync(
        Guid id, ClaimsPrincipal user, CityOpsDbContext db, CancellationToken cancellationToken)
    {
        return Workable(await TaskQueries.TaskAsync(db, id, cancellationToken), user);
    }

    /// <summary>The task when the caller may work it; otherwise 404 (none) or 403.</summary>
    internal static (WorkflowTaskRecord? Task, IResult Denied) Workable(WorkflowTaskRecord? task, ClaimsPrincipal user)
    {
        if (task is null)
        {
            return (null, TypedResults.NotFound());
        }

        return Caller.From(user).CanWork(task.AssigneeGroup, task.AssigneePerson)
            ? (task, TypedResults.Ok())
            : (null, TypedResults.Problem(statusCode: 403, title: "Not your task.", detail: $"The task belongs to '{task.AssigneeGroup}'."));
    }

    /// <summary>Engine errors as ProblemDetails: conflicts 409, validation 400 with field errors, missing 404.</summary>
    internal static IResult? EngineProblem(Exception ex) => ex switch
    {
        TaskAlreadyCompletedException or TaskClaimedByAnotherException or WorkflowConcurrencyException or WorkflowStateException =>
            TypedResults.Problem(statusCode: 409, title: "The task changed meanwhile.", detail: ex.Message, type: "https://cityops.dev/problems/task-conflict"),
        ValidationException v => TypedResults.ValidationProblem(v.Errors.GroupBy(e => e.PropertyName)
            .ToDictionary(g => char.ToLowerInvariant(g.Key[0]) + g.Key[1..], g => g.Select(e => e.ErrorMessage).ToArray())),
        WorkflowNotFoundException => TypedResults.NotFound(),
        _ => null,
    };
}
