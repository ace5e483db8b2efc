using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// A host's say in which connection a context writes on. <see cref="EfWorkflowStore"/> asks before each commit;
/// the SQLite host answers with its one write connection (queued behind the other writers of the file), whose page
/// cache stays valid from one write transaction to the next. Other hosts register none and write as before.
/// </summary>
public interface IWriteConnectionLease
{
    /// <summary>
    /// Points <paramref name="db"/> at the write connection until the returned lease is disposed, or returns null
    /// when it cannot (its own connection is open, or it is in a transaction): the caller then writes as usual.
    /// </summary>
    ValueTask<IAsyncDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken);
}
