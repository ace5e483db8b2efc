using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints.Workflows;

/// <summary><c>/api/workflows/events</c> (raise) and <c>/api/workflows/activities</c> (the palette's descriptors).</summary>
internal static class WorkflowEventEndpoints
{
    public static void MapWorkflowEventEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("Workflow events and activities");
        group.MapPost("/events", Raise).RequireAuthorization(Policies.OperateWorkflows)
            .WithSummary("Raise an event: resumes waits on (name, correlation key), starts definitions triggered by it, or parks it until a wait appears.");
        group.MapGet("/activities", Activities).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Descriptors of every registered activity: category, zh/en names, inputs with UI hints, outcomes.");
    }

    public sealed record RaiseRequest(string? EventName, string? CorrelationKey, JsonElement? Payload, string? IdempotencyKey);

    public sealed record ActivityInfo(
        string Type, int Version, string Category, string DisplayNameZh, string DisplayNameEn, string Description,
        IReadOnlyList<ActivityInputDescriptor> Inputs, IReadOnlyList<string> Outcomes, string? DynamicOutcomesInput,
        bool IsWaiting, bool SupportsDeadline, bool IsStart);

    private static async Task<Ok<StimulusResult>> Raise(RaiseRequest request, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.EventName))
        {
            throw DefinitionBody.Invalid("eventName", "Required: the event's name, e.g. 'pipe-pressure-alarm'.");
        }

        if (string.IsNullOrWhiteSpace(request.IdempotencyKey))
        {
            throw DefinitionBody.Invalid("idempotencyKey", "Required: a unique key for this event, so a retried request changes nothing.");
        }

        return TypedResults.Ok(await runtime.RaiseEventAsync(
            new EventStimulus(request.EventName, request.CorrelationKey, request.Payload, request.IdempotencyKey), cancellationToken));
    }

    private static Ok<List<ActivityInfo>> Activities(IActivityRegistry registry) =>
        TypedResults.Ok(registry.List().Select(d => new ActivityInfo(
            d.Type, d.Version, d.Category, d.DisplayNameZh, d.DisplayNameEn, d.Description, d.Inputs, d.Outcomes,
            d.DynamicOutcomesInput, d.IsWaiting, d.SupportsDeadline, d.IsStart)).ToList());
}
