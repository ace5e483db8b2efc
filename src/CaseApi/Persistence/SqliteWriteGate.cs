using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Lets one SQLite transaction per database file run its statements at a time in this process, queueing the others
/// asynchronously: a transaction takes the gate at its first statement (it begins DEFERRED) and keeps it to the end. SQLite has a single writer anyway; without the gate, a losing BEGIN is retried by
/// Microsoft.Data.Sqlite with a blocking sleep, which parks thread-pool threads and turned contention into
/// 150–900 ms stalls in the case-loop benchmark. Released on commit, rollback, failure or when EF closes the connection
/// (SaveChanges disposes a failed transaction without a rollback event). After <see cref="MaxWait"/> a writer goes on
/// without the gate, so a flow that nests two writers can never hang: it meets SQLite's own busy handling as before.
/// </summary>
/// <remarks>
/// Measured on the <c>CityOps.Sqlite</c> meter: <c>cityops.sqlite.write_gate.wait</c> (how long a writer queued) and
/// <c>cityops.sqlite.write_gate.held</c> (from the first statement to the release at commit or rollback), both in milliseconds; the
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

    /// <summary>Takes the gate at a transaction's first statement (see <see cref="TransactionStarting"/>).</summary>
    public static readonly DbCommandInterceptor OnFirstStatement = new FirstStatement();

    /// <summary>
    /// BEGIN DEFERRED instead of Microsoft.Data.Sqlite's BEGIN IMMEDIATE: SQLite takes no lock until the first statement,
    /// and neither does the gate, so the work a caller does between BEGIN and its first statement (EF Core's
    /// change detection and command building in SaveChanges, ~0.1 ms a step) no longer holds up every other writer.
    /// Everything the transaction reads or writes still runs under the gate, so no other writer of the process can
    /// commit between its snapshot and its first write.
    /// </summary>
    public override InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        return connection is SqliteConnection sqlite && !result.HasResult
            ? InterceptionResult<DbTransaction>.SuppressWithResult(sqlite.BeginTransaction(eventData.IsolationLevel, deferred: true))
            : result;
    }

    public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarting(connection, eventData, result));

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

    private static long _ended;

    /// <summary>Write transactions ended (committed or not) in this process, for <see cref="SqliteCheckpointer"/>.</summary>
    public static long Ended => Interlocked.Read(ref _ended);

    private static SemaphoreSlim GateOf(DbConnection connection) => Gates.GetOrAdd(connection.DataSource ?? "", _ => new SemaphoreSlim(1, 1));

    /// <summary>
    /// The gate to take before <paramref name="command"/> runs: null when it is outside a transaction, its transaction
    /// has the gate, or it runs on a connection that is only used under a <see cref="EnterAsync">lease</see>.
    /// </summary>
    private static SemaphoreSlim? Needed(DbCommand command) =>
        command is { Transaction: { } transaction, Connection: SqliteConnection connection }
        && !HeldBy.TryGetValue(transaction, out _) && !LeasedOnly.TryGetValue(connection, out _)
            ? GateOf(connection)
            : null;

    // Connections whose every use is inside a lease (SqliteWriteConnection): their statements have the gate already.
    private static readonly ConditionalWeakTable<object, object> LeasedOnly = [];

    /// <summary>Marks <paramref name="connection"/> as used only inside <see cref="EnterAsync"/> leases.</summary>
    public static void UseOnlyUnderLease(SqliteConnection connection) => LeasedOnly.AddOrUpdate(connection, Instance);

    /// <summary>
    /// Takes the gate of <paramref name="connection"/>'s file for a whole unit of work, before its first statement (queued
    /// asynchronously like every other writer): disposing the lease releases it. Null after <see cref="MaxWait"/>.
    /// </summary>
    public static async ValueTask<IDisposable?> EnterAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var gate = GateOf(connection);
        var start = Stopwatch.GetTimestamp();
        if (!await gate.WaitAsync(MaxWait, cancellationToken))
        {
            return null;
        }

        var now = Stopwatch.GetTimestamp();
        if (WaitTime.Enabled)
        {
            WaitTime.Record(Stopwatch.GetElapsedTime(start, now).TotalMilliseconds);
        }

        return new Held(gate, now);
    }

    // After commit the transaction no longer knows its connection, so the hold is kept under both.
    private static void Acquired(DbCommand command, SemaphoreSlim gate, long waitStart)
    {
        var now = Stopwatch.GetTimestamp();
        if (WaitTime.Enabled)
        {
            WaitTime.Record(Stopwatch.GetElapsedTime(waitStart, now).TotalMilliseconds);
        }

        var held = new Held(gate, now);
        HeldBy.AddOrUpdate(command.Transaction!, held);
        HeldBy.AddOrUpdate(command.Connection!, held);
    }

    private static void Take(DbCommand command)
    {
        if (Needed(command) is { } gate)
        {
            var start = Stopwatch.GetTimestamp();
            if (gate.Wait(MaxWait))
            {
                Acquired(command, gate, start);
            }
            else
            {
                GaveUp(command);
            }
        }
    }

    private static async ValueTask TakeAsync(DbCommand command, CancellationToken cancellationToken)
    {
        if (Needed(command) is { } gate)
        {
            var start = Stopwatch.GetTimestamp();
            if (await gate.WaitAsync(MaxWait, cancellationToken))
            {
                Acquired(command, gate, start);
            }
            else
            {
                GaveUp(command);
            }
        }
    }

    // Gone on without the gate (see MaxWait): the transaction's later statements do not queue again.
    private static void GaveUp(DbCommand command) => HeldBy.AddOrUpdate(command.Transaction!, new Held(null, Stopwatch.GetTimestamp()));

    private static void Release(object key)
    {
        if (HeldBy.TryGetValue(key, out var held))
        {
            HeldBy.Remove(key);
            held.Release();
        }
    }

    private sealed class Held(SemaphoreSlim? gate, long acquiredAt) : IDisposable
    {
        public void Dispose() => Release();

        private int _released;

        public void Release()
        {
            if (gate is not null && Interlocked.Exchange(ref _released, 1) == 0)
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

    private sealed class FirstStatement : DbCommandInterceptor
    {
        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Take(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await TakeAsync(command, cancellationToken);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Take(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await TakeAsync(command, cancellationToken);
            return result;
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Take(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await TakeAsync(command, cancellationToken);
            return result;
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
