using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CityOps.CaseApi.Endpoints.Workflows;

/// <summary><c>/api/workflows/instances</c>: start, inspect (state, waits, journal, incidents), cancel, retry.</summary>
internal static class WorkflowInstanceEndpoints
{
    public static void MapWorkflowInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows/instances").WithTags("Workflow instances");
        group.MapPost("/", Start).RequireAuthorization(Policies.OperateWorkflows)
            .WithSummary("Start the published version of a definition. An Idempotency-Key header makes a retried request return the first instance.");
        group.MapGet("/{instanceId:guid}", Get).RequireAuthorization(Policies.ReadWorkflows)
            .WithSummary("State, variables, waiting activities, incidents and the first page of the journal.");
        group.MapGet("/{instanceId:guid}/journal", Journal).RequireAuthorization(Policies.ReadWorkflows)
            .WithSummary("The journal: one record per activity execution, in order.");
        group.MapPost("/{instanceId:guid}/cancel", Cancel).RequireAuthorization(Policies.OperateWorkflows)
            .WithSummary("Cancel: its waits, tasks and timers go away.");
        group.MapPost("/{instanceId:guid}/retry", Retry).RequireAuthorization(Policies.OperateWorkflows)
            .WithSummary("Re-run the activities of the open incidents (409 when there is none).");
    }

    public sealed record StartRequest(string? DefinitionId, JsonElement? Input, string? CorrelationId);

    public sealed record InstanceView(WorkflowInstanceSnapshot Instance, IReadOnlyList<JournalRecord> Journal);

    private static async Task<Created<WorkflowInstanceSnapshot>> Start(
        StartRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.DefinitionId))
        {
            throw DefinitionBody.Invalid("definitionId", "Required: the definition to start, e.g. 'case-lifecycle'.");
        }

        var started = await runtime.StartAsync(new StartWorkflowRequest(request.DefinitionId, request.Input, request.CorrelationId, idempotencyKey), cancellationToken);
        return TypedResults.Created($"/api/workflows/instances/{started.Id}", started);
    }

    private static async Task<Ok<InstanceView>> Get(Guid instanceId, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        var instance = await runtime.GetInstanceAsync(instanceId, cancellationToken) ?? throw NotFound(instanceId);
        return TypedResults.Ok(new InstanceView(instance, await runtime.GetJournalAsync(instanceId, 0, 200, cancellationToken)));
    }

    private static async Task<Ok<IReadOnlyList<JournalRecord>>> Journal(Guid instanceId, int? skip, int? take, IWorkflowRuntime runtime, CancellationToken cancellationToken)
    {
        if (skip < 0 || take is < 1 or > 1000)
        {
            throw DefinitionBody.Invalid(skip < 0 ? "skip" : "take", "skip must be ≥ 0 and take between 1 and 1000.");
        }

        _ = await runtime.GetInstanceAsync(instanceId, cancellationToken) ?? throw NotFound(instanceId);
        return TypedResults.Ok(await runtime.GetJournalAsync(instanceId, skip ?? 0, take ?? 200, cancellationToken));
    }

    private static async Task<Ok<WorkflowInstanceSnapshot>> Cancel(Guid instanceId, IWorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.CancelAsync(instanceId, cancellationToken));

    private static async Task<Ok<WorkflowInstanceSnapshot>> Retry(Guid instanceId, IWorkflowRuntime runtime, CancellationToken cancellationToken) =>
        TypedResults.Ok(await runtime.RetryAsync(instanceId, cancellationToken));

    private static WorkflowNotFoundException NotFound(Guid id) => new($"Workflow instance {id} does not exist.");
}
