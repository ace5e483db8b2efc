namespace CityOps.Cases.Persistence.Catalog;

/// <summary>
/// The single row (Id 1) counting edits to the reference data. Every catalog write increments it in the same
/// SaveChanges; nodes compare it with the revision of their cached snapshot to know when to rebuild.
/// <see cref="Value"/> is a concurrency token, so two simultaneous edits cannot both commit against the same revision.
/// </summary>
public sealed class CatalogRevision
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long Value { get; set; }

    public DateTimeOffset ChangedAt { get; set; }

    /// <summary>User name of the last editor, or "seed" for start-up seeding.</summary>
    public string ChangedBy { get; set; } = "";
}
