using CityOps.Cases.Persistence;
using CityOps.Cases.Persistence.Catalog;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Catalog;

/// <summary>
/// One edit of the reference data (scoped): <see cref="BeginAsync"/> gives the snapshot to validate against, at the
/// revision the database holds; <see cref="CommitAsync"/> bumps the revision in the same SaveChanges as the edit. The
/// revision is a concurrency token, so an edit validated against a revision another node has since moved past is
/// refused (<see cref="CatalogConflictException"/>) instead of being saved on stale assumptions.
/// </summary>
public sealed class CatalogEditor(CityOpsDbContext db, DbCityCatalog catalog, TimeProvider time)
{
    private CatalogRevision? _revision;

    public CityOpsDbContext Db => db;

    public DateTimeOffset Now => time.GetUtcNow();

    public NationalDirectory National => catalog.National;

    /// <summary>The snapshot after <see cref="CommitAsync"/> (already rebuilt on this node).</summary>
    public CitySnapshot Current => catalog.Current;

    public async Task<CitySnapshot> BeginAsync(CancellationToken cancellationToken)
    {
        var snapshot = await catalog.RefreshAsync(cancellationToken);
        _revision = await db.Set<CatalogRevision>().SingleOrDefaultAsync(r => r.Id == CatalogRevision.SingletonId, cancellationToken);
        if (_revision is null)
        {
            _revision = new CatalogRevision();
            db.Add(_revision);
        }

        if (_revision.Value != snapshot.Revision)
        {
            throw new CatalogConflictException();
        }

        return snapshot.Snapshot;
    }

    /// <summary>Saves the edit with the revision bump; returns the new revision.</summary>
    public async Task<long> CommitAsync(string changedBy, CancellationToken cancellationToken)
    {
        var revision = _revision ?? throw new InvalidOperationException("Call BeginAsync before CommitAsync.");
        revision.Value++;
        revision.ChangedAt = time.GetUtcNow();
        revision.ChangedBy = changedBy;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new CatalogConflictException("The reference data was changed by someone else while this edit was being saved. Reload and try again.", ex);
        }

        await catalog.RefreshAsync(cancellationToken);
        return revision.Value;
    }
}
