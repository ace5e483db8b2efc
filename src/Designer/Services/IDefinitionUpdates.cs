using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Designer.Services;

/// <summary>
/// When each definition's latest version was last written. The definition service does not return timestamps, and
/// the engine records no author, so the list shows "updated at" only.
/// </summary>
public interface IDefinitionUpdates
{
    Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestUpdatedAtAsync(CancellationToken cancellationToken);
}

/// <summary>Reads the engine's store port in a short scope of its own, never holding it for a whole circuit.</summary>
internal sealed class StoreDefinitionUpdates(IServiceScopeFactory scopes) : IDefinitionUpdates
{
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> LatestUpdatedAtAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (scope.ServiceProvider.GetService<IWorkflowStore>() is not { } store)
        {
            return new Dictionary<string, DateTimeOffset>();
        }

        var latest = await store.ListLatestDefinitionsAsync(cancellationToken);
        return latest.ToDictionary(r => r.DefinitionId, r => r.UpdatedAt, StringComparer.Ordinal);
    }
}
