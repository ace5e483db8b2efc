using System.Text;
using CityOps.CaseApi.Identity;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints.Workflows;

/// <summary><c>/api/workflows/definitions</c>: versions, drafts, validation, publish/retract, export/import.</summary>
internal static class WorkflowDefinitionEndpoints
{
    public static void MapWorkflowDefinitionEndpoints(this IEndpointRouteBuilder app)
    {
        // Every change records who made it (WorkflowActor flows into the definition service).
        var group = app.MapGroup("/api/workflows/definitions").WithTags("Workflow definitions")
            .AddEndpointFilter(async (context, next) =>
            {
                using var actor = WorkflowActor.Use(context.HttpContext.User.UserNameOf());
                return await next(context);
            });
        group.MapGet("/", List).RequireAuthorization(Policies.ReadWorkflows).WithSummary("The latest version of every definition.");
        group.MapGet("/{definitionId}", Get).RequireAuthorization(Policies.ReadWorkflows)
            .WithSummary("A definition version as Elsa-shaped JSON (latest unless ?version= is given).");
        group.MapGet("/{definitionId}/versions", Versions).RequireAuthorization(Policies.ReadWorkflows).WithSummary("All versions, oldest first.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administer).Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Create a new definition as a v1 draft (409 if the id exists).");
        group.MapPut("/{definitionId}", UpdateDraft).RequireAuthorization(Policies.Administer).Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Save the draft: overwrites the latest draft, or starts version latest+1 when the latest is published.");
        group.MapPost("/validate", Validate).RequireAuthorization(Policies.Administer).Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Check a definition without saving it; every error names the activity and field.");
        group.MapPost("/{definitionId}/publish", Publish).RequireAuthorization(Policies.Administer)
            .WithSummary("Validate and publish the latest version; new instances start on it, running ones keep theirs.");
        group.MapPost("/{definitionId}/retract", Retract).RequireAuthorization(Policies.Administer)
            .WithSummary("Unpublish: no new instances until a version is published again.");
        group.MapGet("/{definitionId}/export", Export).RequireAuthorization(Policies.ReadWorkflows)
            .WithSummary("Download a version as a JSON file.");
        group.MapPost("/import", Import).RequireAuthorization(Policies.Administer).Accepts<WorkflowDefinition>("application/json")
            .WithSummary("Import a definition file (validated); identical content makes no new version. ?publish=true publishes it.");
    }

    private static async Task<Ok<List<DefinitionSummary>>> List(IDefinitionService definitions, CancellationToken cancellationToken) =>
        TypedResults.Ok((await definitions.ListLatestAsync(cancellationToken)).Select(DefinitionSummary.From).ToList());

    private static async Task<Ok<WorkflowDefinition>> Get(string definitionId, int? version, IDefinitionService definitions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await definitions.GetAsync(definitionId, version, cancellationToken) ?? throw NotFound(definitionId, version));

    private static async Task<Ok<List<VersionSummary>>> Versions(string definitionId, IWorkflowStore store, CancellationToken cancellationToken)
    {
        var versions = await store.ListDefinitionVersionsAsync(definitionId, cancellationToken);
        return versions.Count == 0 ? throw NotFound(definitionId, null) : TypedResults.Ok(versions.Select(VersionSummary.From).ToList());
    }

    private static async Task<Results<Created<WorkflowDefinition>, ProblemHttpResult>> Create(
        HttpRequest request, IDefinitionService definitions, CancellationToken cancellationToken)
    {
        var definition = await DefinitionBody.ReadAsync(request, cancellationToken);
        if (await definitions.GetAsync(definition.DefinitionId, null, cancellationToken) is not null)
        {
            return TypedResults.Problem(
                title: "Definition exists",
                detail: $"'{definition.DefinitionId}' already exists; PUT /api/workflows/definitions/{definition.DefinitionId} saves a draft of it.",
                statusCode: StatusCodes.Status409Conflict);
        }

        var saved = await definitions.SaveDraftAsync(definition, cancellationToken);
        return TypedResults.Created($"/api/workflows/definitions/{saved.DefinitionId}?version={saved.Version}", saved);
    }

    private static async Task<Ok<WorkflowDefinition>> UpdateDraft(string definitionId, HttpRequest request, IDefinitionService definitions, CancellationToken cancellationToken)
    {
        var definition = await DefinitionBody.ReadAsync(request, cancellationToken);
        if (definition.DefinitionId != definitionId)
        {
            throw DefinitionBody.Invalid("definitionId", $"The body is '{definition.DefinitionId}' but the URL is '{definitionId}'.");
        }

        _ = await definitions.GetAsync(definitionId, null, cancellationToken) ?? throw NotFound(definitionId, null);
        return TypedResults.Ok(await definitions.SaveDraftAsync(definition, cancellationToken));
    }

    private static async Task<Ok<ValidationReport>> Validate(HttpRequest request, IValidator<WorkflowDefinition> validator, CancellationToken cancellationToken)
    {
        var definition = await DefinitionBody.ReadAsync(request, cancellationToken);
        var result = await validator.ValidateAsync(definition, cancellationToken);
        return TypedResults.Ok(new ValidationReport(result.IsValid, result.Errors.Select(e => new ValidationIssue(e.PropertyName, e.ErrorMessage)).ToList()));
    }

    private static async Task<Ok<WorkflowDefinition>> Publish(string definitionId, IDefinitionService definitions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await definitions.PublishAsync(definitionId, cancellationToken));

    private static async Task<Ok<WorkflowDefinition>> Retract(string definitionId, IDefinitionService definitions, CancellationToken cancellationToken) =>
        TypedResults.Ok(await definitions.RetractAsync(definitionId, cancellationToken));

    private static async Task<FileContentHttpResult> Export(string definitionId, int? version, IDefinitionService definitions, CancellationToken cancellationToken)
    {
        var json = await definitions.ExportAsync(definitionId, version, cancellationToken);
        var stored = DefinitionJson.Parse(json);
        return TypedResults.File(Encoding.UTF8.GetBytes(json), "application/json", $"{definitionId}-v{stored.Version}.json");
    }

    private static async Task<Ok<WorkflowDefinition>> Import(HttpRequest request, bool? publish, IDefinitionService definitions, CancellationToken cancellationToken)
    {
        var definition = await DefinitionBody.ReadAsync(request, cancellationToken);
        return TypedResults.Ok(await definitions.ImportAsync(definition, publish ?? false, cancellationToken));
    }

    private static WorkflowNotFoundException NotFound(string definitionId, int? version) =>
        new($"Definition '{definitionId}'{(version is null ? "" : $" v{version}")} does not exist.");
}
