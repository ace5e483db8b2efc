using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Designer.Services;

/// <summary>Who last changed a definition and who published its published version, and when.</summary>
public sealed record DefinitionAudit(DateTimeOffset UpdatedAt, string? UpdatedBy, int? PublishedVersion, string? PublishedBy, DateTimeOffset? PublishedAt);

/// <summary>
/// The audit columns of each definition (the definition service returns the definitions themselves, without who and
/// when).
/// </summary>
public interface IDefinitionUpdates
{
    Task<IReadOnlyDictionary<string, DefinitionAudit>> AuditAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the engine's store port in a short scope of its own, never holding it for a whole circuit.</summary>
internal sealed class StoreDefinitionUpdates(IServiceScopeFactory scopes) : IDefinitionUpdates
{
    public async Task<IReadOnlyDictionary<string, DefinitionAudit>> AuditAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IWorkflowStore>() is not { } store)
        {
            return new Dictionary<string, DefinitionAudit>();
        }

        var result = new Dictionary<string, DefinitionAudit>(StringComparer.Ordinal);
        foreach (var latest in await store.ListLatestDefinitionsAsync(cancellationToken))
        {
            var published = latest.IsPublished ? latest : await store.GetPublishedDefinitionAsync(latest.DefinitionId, cancellationToken);
            result[latest.DefinitionId] = new DefinitionAudit(
                latest.UpdatedAt, latest.UpdatedBy, published?.Version, published?.PublishedBy, published?.PublishedAt);
        }

        return result;
    }
}
