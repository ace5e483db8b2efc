namespace CityOps.Workflows.Definitions;

/// <summary>
/// Draft / publish / retract versions with Elsa's semantics: at most one latest and one published version per
/// definition; running instances keep the version they started on.
/// </summary>
public interface IDefinitionService
{
    /// <summary>
    /// Saves a draft: a new definition becomes v1; when the latest version is published the draft becomes a new
    /// version (latest + 1); otherwise the latest draft is overwritten in place.
    /// </summary>
    Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition definition, CancellationToken cancellationToken);

    /// <summary>Validates and publishes the latest version (throws <see cref="FluentValidation.ValidationException"/>).</summary>
    Task<WorkflowDefinition> PublishAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>Unpublishes the published version: no new instances start until a version is published again.</summary>
    Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>A version (or the latest when <paramref name="version"/> is null), or <c>null</c>.</summary>
    Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken);

    /// <summary>All versions ascending.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The latest version of every definition.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListLatestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Validates and imports a definition (its version and flags are ignored). Content identical to the latest
    /// version creates no new version. With <paramref name="publish"/>, the result is published.
    /// </summary>
    Task<WorkflowDefinition> ImportAsync(WorkflowDefinition definition, bool publish, CancellationToken cancellationToken);

    /// <summary>
    /// Idempotent seeding at start-up. A no-op when the content equals ANY stored version of the definition (so a
    /// later edit published by an administrator, or a deliberate retraction, survives restarts); new content becomes a
    /// new published version. Returns the published version (or the matching one when none is published).
    /// </summary>
    Task<WorkflowDefinition> EnsureAsync(WorkflowDefinition definition, CancellationToken cancellationToken);

    /// <summary>The version (or latest) as Elsa-shaped JSON.</summary>
    Task<string> ExportAsync(string definitionId, int? version, CancellationToken cancellationToken);
}
