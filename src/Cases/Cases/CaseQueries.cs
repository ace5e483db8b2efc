using System.Runtime.CompilerServices;
using CityOps.Cases.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityOps.Cases.Cases;

/// <summary>
/// The case reads of the case loop, compiled once per model (no expression tree built, no SQL generated per call).
/// A case has few stage clocks and suspensions, so it is read with both in one joined statement, not a split query
/// of three.
/// </summary>
public static class CaseQueries
{
    // A compiled query binds to the model it first ran with, and one process may hold several (host, tests per
    // provider): one set per model, dropped with the model.
    private static readonly ConditionalWeakTable<IModel, Compiled> PerModel = [];

    /// <summary>The case with its stages and suspensions, tracked (for a workflow step that changes it).</summary>
    public static Task<CityCase?> CaseForUpdateAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return For(db).Tracked(db, id, cancellationToken);
    }

    /// <summary>The case with its stages and suspensions, not tracked (for a view).</summary>
    public static Task<CityCase?> CaseForViewAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return For(db).Untracked(db, id, cancellationToken);
    }

    /// <summary>
    /// Open cases of a kind and code reported since <paramref name="since"/> with a location (duplicate candidates).
    /// The closed states are constants in the statement, so it is generated once; the (Kind, Code, CreatedAt) index
    /// reads only the window, not the code's whole history.
    /// </summary>
    public static async Task<List<PlacedCase>> RecentOpenPlacedAsync(
        DbContext db, CaseKind kind, string code, DateTimeOffset since, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var list = new List<PlacedCase>();
        await foreach (var row in For(db).RecentOpenPlaced(db, kind, code, since).WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }

    private static Compiled For(DbContext db) => PerModel.GetValue(db.Model, static _ => new Compiled());

    /// <summary>A case with its location.</summary>
    public sealed record PlacedCase(Guid Id, string Number, double Latitude, double Longitude);

    private sealed class Compiled
    {
        public Func<DbContext, CaseKind, string, DateTimeOffset, IAsyncEnumerable<PlacedCase>> RecentOpenPlaced { get; } = EF.CompileAsyncQuery(
            (DbContext db, CaseKind kind, string code, DateTimeOffset since) => db.Set<CityCase>().AsNoTracking()
                .Where(c => c.Kind == kind && c.Code == code && c.CreatedAt >= since
                    && c.Status != CaseStatus.Closed && c.Status != CaseStatus.Voided && c.Status != CaseStatus.Merged
                    && c.Latitude != null && c.Longitude != null)
                .Select(c => new PlacedCase(c.Id, c.Number, c.Latitude!.Value, c.Longitude!.Value)));

        public Func<DbContext, Guid, CancellationToken, Task<CityCase?>> Tracked { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => db.Set<CityCase>().AsTracking()
                .Include(c => c.Stages).Include(c => c.Suspensions).AsSingleQuery()
                .FirstOrDefault(c => c.Id == id));

        public Func<DbContext, Guid, CancellationToken, Task<CityCase?>> Untracked { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => db.Set<CityCase>().AsNoTracking()
                .Include(c => c.Stages).Include(c => c.Suspensions).AsSingleQuery()
                .FirstOrDefault(c => c.Id == id));
    }
}
