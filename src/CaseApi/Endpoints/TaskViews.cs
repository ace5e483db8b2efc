using System.Text.Json;
using CityOps.Cases.Cases;
using CityOps.Workflows.Persistence;

namespace CityOps.CaseApi.Endpoints;

internal sealed record TaskSummary(
    Guid Id, string Title, string Status, string? AssigneeGroup, string? ClaimedBy, Guid? CaseId, string? CaseNumber,
    string? CaseTitle, string? Stage, DateTimeOffset? DueAt, string? Light, double? RemainingMinutes, DateTimeOffset CreatedAt,
    IReadOnlyList<string> Outcomes);

internal sealed record TaskDetail(TaskSummary Task, JsonElement? Form, string? Outcome, string? CompletedBy, DateTimeOffset? CompletedAt);

/// <summary>One page of a list and how many rows match in all.</summary>
internal sealed record Paged<T>(IReadOnlyList<T> Items, int TotalCount);

internal sealed record CompletionResult(Guid TaskId, string Outcome, bool Replayed, string? CaseStatus);

/// <summary>Task rows with their case's stage clock: deadline, light and remaining working time.</summary>
internal static class TaskViews
{
    public static TaskSummary Summary(WorkflowTaskRecord t, CityCase? c, CaseViews views)
    {
        var stage = c is null ? null : views.Stage(c, c.OpenStage);
        return new TaskSummary(t.Id, t.Title, t.Status.ToString(), t.AssigneeGroup, t.ClaimedBy, c?.Id, c?.Number, c?.Title,
            stage?.Stage, stage?.DueAt ?? t.DueAt, stage?.Light, stage?.RemainingMinutes, t.CreatedAt, t.Outcomes);
    }

    public static TaskDetail Detail(WorkflowTaskRecord t, CityCase? c, CaseViews views) =>
        new(Summary(t, c, views), t.FormSchemaJson is null ? null : JsonDocument.Parse(t.FormSchemaJson).RootElement.Clone(),
            t.Outcome, t.CompletedBy, t.CompletedAt);
}
