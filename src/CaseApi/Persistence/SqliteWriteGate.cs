using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Lets one SQLite write transaction per database file start at a time in this process, queueing the others
/// asynchronously. SQLite has a single writer anyway; without the gate, a losing BEGIN is retried by
/// Microsoft.Data.Sqlite with a blocking sleep, which parks thread-pool threads and turned contention into
/// 150–900 ms stalls in the case-loop benchmark. Released on commit, rollback, failure or when EF closes the connection
/// (SaveChanges disposes a failed transaction without a rollback event). After <see cref="MaxWait"/> a writer goes on
/// without the gate, so a flow that nests two writers can never hang: it meets SQLite's own busy handling as before.
/// </summary>
/// <remarks>
/// Measured on the <c>CityOps.Sqlite</c> meter: <c>cityops.sqlite.write_gate.wait</c> (how long a writer queued) and
/// <c>cityops.sqlite.write_gate.held</c> (from BEGIN to the release at commit or rollback), both in milliseconds; the
/// loops benchmark prints them. Nothing is recorded while no listener is attached.
/// </remarks>
internal sealed class SqliteWriteGate : DbTransactionInterceptor
{
    public const string MeterName = "CityOps.Sqlite";

    public static readonly SqliteWriteGate Instance = new();

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<double> WaitTime = Meter.CreateHistogram<double>("cityops.sqlite.write_gate.wait", "ms", "Time a SQLite write transaction waited for the write gate");
    private static readonly Histogram<double> HeldTime = Meter.CreateHistogram<double>("cityops.sqlite.write_gate.held", "ms", "Time a SQLite write transaction held the write gate");

    /// <summary>Releases the gate when EF closes the connection it held it for.</summary>
    public static readonly DbConnectionInterceptor OnClose = new CloseRelease();

    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<object, Held> HeldBy = [];

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var gate = Gates.GetOrAdd(connection.DataSource ?? "", _ => new SemaphoreSlim(1, 1));
        var start = Stopwatch.GetTimestamp();
        if (await gate.WaitAsync(MaxWait, cancellationToken))
        {
            Acquired(connection, gate, start);
        }

        return result;
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var gate = Gates.GetOrAdd(connection.DataSource ?? "", _ => new SemaphoreSlim(1, 1));
        var start = Stopwatch.GetTimestamp();
        if (gate.Wait(MaxWait))
        {
            Acquired(connection, gate, start);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(transaction);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(transaction);
        return Task.CompletedTask;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Track(connection, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Track(connection, result);
        return ValueTask.FromResult(result);
    }

    private static long _ended;

    /// <summary>Write transactions ended (committed or not) in this process, for <see cref="SqliteCheckpointer"/>.</summary>
    public static long Ended => Interlocked.Read(ref _ended);

    private static void Acquired(DbConnection connection, SemaphoreSlim gate, long waitStart)
    {
        var now = Stopwatch.GetTimestamp();
        if (WaitTime.Enabled)
        {
            WaitTime.Record(Stopwatch.GetElapsedTime(waitStart, now).TotalMilliseconds);
        }

        HeldBy.AddOrUpdate(connection, new Held(gate, now));
    }

    // After commit the transaction no longer knows its connection, so the hold is kept under both.
    private static void Track(DbConnection connection, DbTransaction transaction)
    {
        if (HeldBy.TryGetValue(connection, out var held))
        {
            HeldBy.AddOrUpdate(transaction, held);
        }
    }

    private static void Release(object key)
    {
        if (HeldBy.TryGetValue(key, out var held))
        {
            HeldBy.Remove(key);
            held.Release();
        }
    }

    private sealed class Held(SemaphoreSlim gate, long acquiredAt)
    {
        private int _released;

        public void Release()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                if (HeldTime.Enabled)
                {
                    HeldTime.Record(Stopwatch.GetElapsedTime(acquiredAt).TotalMilliseconds);
                }

                Interlocked.Increment(ref _ended);

                gate.Release();
            }
        }
    }

    private sealed class CloseRelease : DbConnectionInterceptor
    {
        public override void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

        public override Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
        {
            Release(connection);
            return Task.CompletedTask;
        }
    }
}
