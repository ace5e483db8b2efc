using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using FluentValidation;
using FluentValidation.Results;

namespace CityOps.CaseApi.Endpoints.Workflows;

/// <summary>A definition version as the API lists it (without its graph).</summary>
public sealed record DefinitionSummary(string DefinitionId, int Version, string Name, string? Description, bool IsLatest, bool IsPublished, int ActivityCount)
{
    public static DefinitionSummary From(WorkflowDefinition d) =>
        new(d.DefinitionId, d.Version, d.Name, d.Description, d.IsLatest, d.IsPublished, d.Root.Activities.Count);
}

/// <summary>One stored version with who saved it and who published it, and when.</summary>
public sealed record VersionSummary(
    string DefinitionId, int Version, string Name, bool IsLatest, bool IsPublished,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? UpdatedBy, string? PublishedBy, DateTimeOffset? PublishedAt)
{
    public static VersionSummary From(WorkflowDefinitionRecord r) =>
        new(r.DefinitionId, r.Version, r.Name, r.IsLatest, r.IsPublished, r.CreatedAt, r.UpdatedAt, r.UpdatedBy, r.PublishedBy, r.PublishedAt);
}

/// <summary>The result of validating a definition without saving it.</summary>
public sealed record ValidationReport(bool IsValid, IReadOnlyList<ValidationIssue> Errors);

/// <summary>One problem: which field (e.g. <c>root.activities[review].inputs.title</c>) and why.</summary>
public sealed record ValidationIssue(string Field, string Message);

/// <summary>Reads a definition body with the engine's own JSON rules and says precisely what is wrong.</summary>
internal static class DefinitionBody
{
    public static async Task<WorkflowDefinition> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(cancellationToken);
        WorkflowDefinition? definition;
        try
        {
            definition = string.IsNullOrWhiteSpace(json) ? null : DefinitionJson.Parse(json);
        }
        catch (JsonException ex)
        {
            throw Invalid(ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body", $"Not a valid definition: {ex.Message}");
        }

        if (definition?.Root?.Activities is null || definition.Root.Connections is null)
        {
            throw Invalid("root", "A definition needs root.activities and root.connections.");
        }

        if (string.IsNullOrWhiteSpace(definition.DefinitionId))
        {
            throw Invalid("definitionId", "Required: a stable slug such as 'case-lifecycle'.");
        }

        return definition with { Variables = definition.Variables ?? [] };
    }

    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}
