using System.Data;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// One connection that every workflow step of the SQLite file commits on, lent to one step at a time under the
/// <see cref="SqliteWriteGate"/>: the step's context reads on its pooled connection as before and is pointed at this
/// one for its write transaction only.
/// </summary>
/// <remarks>
/// In WAL mode a connection drops its whole page cache when a transaction starts and another connection has committed
/// since its own last one (SQLite's <c>pager_reset</c>). With every writer on its own pooled connection that was almost
/// every write transaction, so each commit read back from the log the index and table pages it was about to change,
/// one <c>pread</c> each, while all other writers waited at the gate. This connection is the only one that commits
/// steps, so its cache stays valid from one commit to the next. Its cache is larger than the default for that reason
/// (<see cref="CacheKibibytes"/>). A write that fails in a way that leaves it unusable (a transaction still open, the
/// connection closed) gets it replaced at the next lease.
/// </remarks>
internal sealed class SqliteWriteConnection(DbContextOptions<SqliteCityOpsDbContext> options) : IWriteConnectionLease, IDisposable
{
    /// <summary>Page cache of the write connection: the pages steps write to stay in it (SQLite's default is 2 MiB).</summary>
    public const int CacheKibibytes = 32 * 1024;

    private readonly Lock _opening = new();

    // The context that owns the connection, so EF creates and opens it as it does its own (its SQL functions, the host's
    // interceptors and connection settings); never used for anything else.
    private SqliteCityOpsDbContext? _owner;
    private SqliteConnection? _connection;

    private const int DbStatusCacheHit = 7;
    private const int DbStatusCacheMiss = 8;
    private const int DbStatusCacheWrite = 9;

    private long _leases;

    /// <summary>
    /// Commits lent the connection since start, and since it opened: its page cache's hits and misses (pages read back),
    /// and the pages it wrote to the log (SQLite's <c>SQLITE_DBSTATUS_CACHE_WRITE</c>: each changed page once per commit).
    /// </summary>
    public (long Leases, long CacheHits, long CacheMisses, long PagesWritten) Counters
    {
        get
        {
            var leases = Interlocked.Read(ref _leases);
            lock (_opening)
            {
                if (_connection?.Handle is not { } handle)
                {
                    return (leases, 0, 0, 0);
                }

                _ = raw.sqlite3_db_status(handle, DbStatusCacheHit, out var hits, out _, 0);
                _ = raw.sqlite3_db_status(handle, DbStatusCacheMiss, out var misses, out _, 0);
                _ = raw.sqlite3_db_status(handle, DbStatusCacheWrite, out var written, out _, 0);
                return (leases, hits, misses, written);
            }
        }
    }

    public async ValueTask<IAsyncDisposable?> EnterAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.GetDbConnection() is not SqliteConnection { State: ConnectionState.Closed })
        {
            return null; // someone else in this scope keeps the context's connection open
        }

        var writer = Connection();
        var held = await SqliteWriteGate.EnterAsync(writer, cancellationToken);
        if (held is null)
        {
            return null; // the gate did not come free in time: write as before, on the context's own connection
        }

        try
        {
            // Replaced under the gate if the last lease left it unusable.
            writer = Usable(writer);
            var connectionString = db.Database.GetConnectionString();
            db.Database.SetDbConnection(writer, contextOwnsConnection: false);
            Interlocked.Increment(ref _leases);
            return new Lease(this, db, connectionString, held);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_opening)
        {
            _owner?.Dispose();
            (_owner, _connection) = (null, null);
        }
    }

    private SqliteConnection Connection()
    {
        lock (_opening)
        {
            if (_connection is not null)
            {
                return _connection;
            }

            var owner = new SqliteCityOpsDbContext(options);
            try
            {
                owner.Database.OpenConnection();
                var connection = (SqliteConnection)owner.Database.GetDbConnection();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = $"PRAGMA cache_size=-{CacheKibibytes};";
                    command.ExecuteNonQuery();
                }

                SqliteWriteGate.UseOnlyUnderLease(connection);
                (_owner, _connection) = (owner, connection);
                return connection;
            }
            catch
            {
                owner.Dispose();
                throw;
            }
        }
    }

    // Under the gate: nobody else uses the connection now.
    private SqliteConnection Usable(SqliteConnection connection)
    {
        if (connection.State == ConnectionState.Open && raw.sqlite3_get_autocommit(connection.Handle) != 0)
        {
            return connection;
        }

        Dispose();
        return Connection();
    }

    private sealed class Lease(SqliteWriteConnection owner, DbContext db, string? connectionString, IDisposable held) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            try
            {
                // Back to a connection of its own (EF makes it from the connection string at the next use).
                db.Database.SetDbConnection(null, contextOwnsConnection: true);
                db.Database.SetConnectionString(connectionString);
                if (owner._connection is { State: ConnectionState.Open, Handle: { } handle } connection && raw.sqlite3_get_autocommit(handle) == 0)
                {
                    // A transaction the step did not end (a failure EF did not roll back): end it before anyone else writes.
                    try
                    {
                        using var rollback = connection.CreateCommand();
                        rollback.CommandText = "ROLLBACK;";
                        rollback.ExecuteNonQuery();
                    }
                    catch (Exception ex) when (ex is SqliteException or InvalidOperationException)
                    {
                        // Usable() replaces the connection at the next lease.
                    }
                }
            }
            finally
            {
                held.Dispose();
            }

            return ValueTask.CompletedTask;
        }
    }
}
