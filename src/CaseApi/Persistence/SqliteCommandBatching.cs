using Microsoft.EntityFrameworkCore.Update;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Lets EF Core send the INSERTs, UPDATEs and DELETEs of one <c>SaveChanges</c> on SQLite as one command with several
/// statements, as it does on the other providers; the SQLite provider's own factory makes one command per row.
/// </summary>
/// <remarks>
/// SQLite runs in-process, so a command saves no network round trip there, but each one still costs EF Core and
/// Microsoft.Data.Sqlite their whole round of work (command, parameters, interceptors, diagnostics, reader), and a step
/// does all of it while holding the file's only write lock. The batch keeps EF Core's checks: an UPDATE or DELETE that
/// must touch one row reads its <c>RETURNING 1</c> result set, so a row that was changed or removed meanwhile still ends
/// in <see cref="Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"/>.
/// </remarks>
internal sealed class SqliteCommandBatching(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    /// <summary>Row commands per batch: a step sends a handful; larger saves go in several batches.</summary>
    public const int MaxBatchSize = 32;

    public ModificationCommandBatch Create() => new Batch(dependencies);

    // EF Core's batch that checks each row command's affected count from its result set; abstract only to be specialised.
    private sealed class Batch(ModificationCommandBatchFactoryDependencies dependencies) : AffectedCountModificationCommandBatch(dependencies, SqliteCommandBatching.MaxBatchSize);
}
