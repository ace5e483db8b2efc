using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Cases;
using CityOps.Cases.Cases.Intake;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// <c>POST /api/tasks/{id}/complete</c>: outcome, comment, form data and photos (JSON or multipart), checked against
/// the task's form, then one engine completion. <c>Idempotency-Key</c> defaults to task + caller + outcome, so a
/// double submit replays the first result while a second person completing the same task gets 409.
/// </summary>
internal static class TaskCompletion
{
    public static async Task<IResult> CompleteAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, CityOpsDbContext db, ITaskService tasks, ICityCatalog catalog,
        CasePhotoStore photos, CancellationToken cancellationToken)
    {
        // The task and its case's id in one statement (the id files the photos).
        var found = await TaskQueries.TaskAndCaseAsync(db, id, cancellationToken);
        var (task, denied) = TaskEndpoints.Workable(found?.Task, user);
        if (task is null)
        {
            return denied;
        }

        TaskEndpoints.CompleteRequest? request;
        IReadOnlyList<IFormFile> files = [];
        try
        {
            if (http.HasFormContentType)
            {
                var form = await http.ReadFormAsync(cancellationToken);
                var data = form["form"].FirstOrDefault() is { Length: > 0 } json ? JsonDocument.Parse(json).RootElement.Clone() : (JsonElement?)null;
                request = new(form["outcome"].FirstOrDefault(), form["comment"].FirstOrDefault(), data);
                files = form.Files.GetFiles("photos");
            }
            else
            {
                request = await http.ReadFromJsonAsync<TaskEndpoints.CompleteRequest>(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [ex.Message] });
        }

        var key = http.Headers["Idempotency-Key"].FirstOrDefault() is { Length: > 0 } k ? k : null;
        return await CompleteReadAsync(task, found, request, files, key, user, db, tasks, catalog, photos, cancellationToken);
    }

    /// <summary>
    /// The completion once the body is read: the endpoint and the UI's task form both end here, so they check the same
    /// form rules and photo limits and give the same answers.
    /// </summary>
    internal static Task<IResult> CompleteReadAsync(
        WorkflowTaskRecord task, TaskEndpoints.CompleteRequest? request, IReadOnlyList<IFormFile> files, string? idempotencyKey,
        ClaimsPrincipal user, CityOpsDbContext db, ITaskService tasks, ICityCatalog catalog, CasePhotoStore photos, CancellationToken cancellationToken) =>
        CompleteReadAsync(task, found: null, request, files, idempotencyKey, user, db, tasks, catalog, photos, cancellationToken);

    /// <summary>
    /// As above, with what the endpoint read with the task (null: each part is read when needed): the case id, whether
    /// other tasks of the instance are open, and the task with its instance as the engine's completion reads them.
    /// </summary>
    private static async Task<IResult> CompleteReadAsync(
        WorkflowTaskRecord task, TaskQueries.TaskAndCase? found, TaskEndpoints.CompleteRequest? request, IReadOnlyList<IFormFile> files,
        string? idempotencyKey, ClaimsPrincipal user, CityOpsDbContext db, ITaskService tasks, ICityCatalog catalog, CasePhotoStore photos,
        CancellationToken cancellationToken)
    {
        var id = task.Id;
        if (request?.Outcome is not { Length: > 0 } outcome)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["outcome"] = [$"Give one of: {string.Join(", ", task.Outcomes)}."] });
        }

        if (request.Form is { } f && f.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["form"] = ["The form data must be a JSON object."] });
        }

        var organisation = catalog.Current.Organisation;
        var errors = TaskFormRules.Validate(task.FormSchemaJson, outcome, request.Form, request.Comment, files.Count, d => organisation.Find(d) is not null);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await PendingTasksAsync(db, task, found?.OthersOpen ?? true, outcome, cancellationToken) is { } pending)
        {
            return pending;
        }

        // The case id is needed before the step only to file photos.
        IReadOnlyList<PhotoFile> stored = [];
        if (files.Count > 0 && (found?.CaseId ?? await CaseIdAsync(db, task.InstanceId, cancellationToken)) is { } cid)
        {
            var (saved, photoErrors) = await photos.SaveAsync(cid, files, cancellationToken);
            if (photoErrors.Length > 0)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["photos"] = photoErrors });
            }

            stored = saved;
        }

        var formData = request.Form is { ValueKind: JsonValueKind.Object } given ? JsonObject.Create(given)! : [];
        formData["comment"] = request.Comment;
        formData["photos"] = JsonSerializer.SerializeToNode(stored, CaseJson.Options);
        var userName = user.UserNameOf();
        var key = idempotencyKey is { Length: > 0 } k ? $"task:{id:N}:{k}" : $"task:{id:N}:{userName}:{outcome}";
        try
        {
            // The answer's status: as the completion's steps committed the case, or (when none did, e.g. a replay) read.
            using var committed = CommittedCaseStatus.Watch(task.InstanceId);
            var form = JsonSerializer.SerializeToElement(formData);
            var result = found is null
                ? await tasks.CompleteAsync(id, outcome, form, userName, key, cancellationToken)
                : await tasks.CompleteAsync(found.Read, outcome, form, userName, key, SeedCase(found.Case), cancellationToken);
            var status = (committed.Status ?? await TaskQueries.CaseStatusAsync(db, task.InstanceId, cancellationToken))?.ToString();
            return TypedResults.Ok(new CompletionResult(id, outcome, result.Replayed, status));
        }
        catch (Exception ex) when (TaskEndpoints.EngineProblem(ex) is { } problem)
        {
            return problem;
        }
    }

    /// <summary>The case read with the task goes into the first attempt's context: its step loads it from there, not again.</summary>
    internal static Action<IServiceProvider>? SeedCase(CityCase? @case) =>
        @case is null ? null : services => services.GetRequiredService<CityOpsDbContext>().Attach(@case);

    private static async Task<Guid?> CaseIdAsync(CityOpsDbContext db, Guid instanceId, CancellationToken cancellationToken) =>
        await db.Set<CityCase>().Where(c => c.WorkflowInstanceId == instanceId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>409 when the task's form blocks the outcome while tasks of other activities are open (the lead's 反馈 before its 协办).</summary>
    /// <remarks>
    /// When the task's read found no other open task of the instance (<paramref name="othersOpen"/> false), the open
    /// tasks are this one if it is still open: no query.
    /// </remarks>
    private static async Task<IResult?> PendingTasksAsync(
        CityOpsDbContext db, WorkflowTaskRecord task, bool othersOpen, string outcome, CancellationToken cancellationToken)
    {
        var activities = TaskFormRules.BlockingActivities(task.FormSchemaJson, outcome).ToList();
        if (activities.Count == 0)
        {
            return null;
        }

        // The instance's open tasks are a handful: read them (compiled, no list parameter) and pick the activities here.
        var open = (othersOpen ? await TaskQueries.OpenTasksAsync(db, task.InstanceId, cancellationToken)
                : task.Status is WorkflowTaskStatus.Open or WorkflowTaskStatus.Claimed ? [new TaskQueries.OpenTask(task.ActivityId, task.AssigneeGroup)] : [])
            .Where(t => activities.Contains(t.ActivityId, StringComparer.Ordinal)).Select(t => t.AssigneeGroup).ToList();
        return open.Count == 0 ? null : TypedResults.Problem(statusCode: 409, title: "Other tasks of this case are still open.",
            detail: $"'{outcome}' is possible once these have reported back: {string.Join(", ", open.Order(StringComparer.Ordinal))}.",
            type: "https://cityops.dev/problems/tasks-pending");
    }
}
