using System.Text.Json;

namespace CityOps.Designer.Services;

/// <summary>
/// The signed-in person's tasks, as <c>/api/tasks</c> serves them: the open tasks of their role, area and department
/// groups and those assigned to or claimed by them; claim; complete with an outcome, form, comment and photos.
/// Implemented by the host over the same handlers the endpoints run.
/// </summary>
public interface IOpsTasks
{
    /// <summary>The largest photo the host accepts, in bytes.</summary>
    long MaxPhotoBytes { get; }

    Task<OpsResult<OpsPage<OpsTaskSummary>>> ListAsync(int skip, int take, CancellationToken cancellationToken);

    Task<OpsResult<OpsTaskDetail>> GetAsync(Guid taskId, CancellationToken cancellationToken);

    Task<OpsResult<OpsTaskSummary>> ClaimAsync(Guid taskId, CancellationToken cancellationToken);

    Task<OpsResult<OpsCompletionResult>> CompleteAsync(Guid taskId, OpsCompletion completion, CancellationToken cancellationToken);
}

/// <summary>A task row with its case's running stage clock.</summary>
public sealed record OpsTaskSummary(
    Guid Id, string Title, string Status, string? AssigneeGroup, string? ClaimedBy, Guid? CaseId, string? CaseNumber,
    string? CaseTitle, string? Stage, DateTimeOffset? DueAt, string? Light, double? RemainingMinutes, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Outcomes);

/// <summary>A task with its form schema (which outcomes need photos, a comment or fields).</summary>
public sealed record OpsTaskDetail(OpsTaskSummary Task, JsonElement? Form, string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt);

/// <summary>A photo chosen in the browser, read into memory (never more than <see cref="IOpsTasks.MaxPhotoBytes"/>).</summary>
public sealed record OpsPhotoUpload(string FileName, string ContentType, byte[] Content);

/// <summary>What the task form submits; <paramref name="Form"/> is a JSON object of the form's fields.</summary>
public sealed record OpsCompletion(string? Outcome, string? Comment, JsonElement? Form, IReadOnlyList<OpsPhotoUpload> Photos);

public sealed record OpsCompletionResult(Guid TaskId, string Outcome, bool Replayed, string? CaseStatus);
