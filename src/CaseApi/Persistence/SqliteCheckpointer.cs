using Microsoft.Data.Sqlite;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file on a thread of its own, after every
/// <see cref="EveryTransactions"/> write transactions or <see cref="Interval"/>, whichever comes first, instead of
/// inside the commit that happens to cross SQLite's threshold.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs in the committing connection after every 1,000 WAL pages: that commit copies the
/// pages, then fsyncs the log and the database file (synchronous=NORMAL), all while it still holds the
/// <see cref="SqliteWriteGate"/>, so every other writer of the node waits behind the disk. In the loops benchmark
/// that made the gate's p99 hold time 40–50 ms. Here the checkpoint is PASSIVE (it never waits for readers or
/// writers and never blocks them), runs on a dedicated thread (an fsync must not park a thread-pool thread) and does
/// the same fsyncs: durability is unchanged. The connections EF uses keep an automatic checkpoint as a safety net,
/// at <see cref="SafetyNetPages"/>, so the log stays bounded if this thread ever falls behind.
/// </remarks>
internal sealed partial class SqliteCheckpointer(ResolvedDatabase database, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>Write transactions (of this process, any SQLite file) that trigger a checkpoint before <see cref="Interval"/>.</summary>
    /// <remarks>A case-loop step writes ~20 pages, so this keeps the log near 5,000 pages (20 MiB) at full speed.</remarks>
    public const int EveryTransactions = 256;

    /// <summary>wal_autocheckpoint of the connections EF uses (pages of 4 KiB): reached only if this service falls behind.</summary>
    public const int SafetyNetPages = 20_000;

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (database.SqliteFile is null || database.SqliteFile == ":memory:")
        {
            return Task.CompletedTask;
        }

        return Task.Factory.StartNew(() => Run(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    private void Run(CancellationToken stoppingToken)
    {
        // Its own unpooled connection that never creates the file (Mode=ReadWrite): the database is migrated before
        // hosted services start, and a missing file must stay missing.
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadWrite };
        SqliteConnection? connection = null;
        var (ended, since) = (SqliteWriteGate.Ended, Environment.TickCount64);
        try
        {
            while (!stoppingToken.WaitHandle.WaitOne(Poll))
            {
                var now = SqliteWriteGate.Ended;
                if (now == ended || (now - ended < EveryTransactions && Environment.TickCount64 - since < Interval.TotalMilliseconds))
                {
                    continue;
                }

                (ended, since) = (now, Environment.TickCount64);
                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(builder.ConnectionString);
                        connection.Open();
                    }

                    Checkpoint(connection);
                }
                catch (SqliteException ex)
                {
                    LogFailed(logger, ex);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private void Checkpoint(SqliteConnection connection)
    {
        var (frames, copied) = CheckpointOnce(connection);
        if (logger.IsEnabled(LogLevel.Debug))
        {
            LogCheckpoint(logger, frames, copied);
        }
    }

    /// <summary>One PASSIVE checkpoint: the frames in the log and how many of them are now in the database file.</summary>
    internal static (long Frames, long Copied) CheckpointOnce(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(1), reader.GetInt64(2)) : (0, 0);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "WAL checkpoint: {Frames} frames in the log, {Checkpointed} copied to the database file")]
    private static partial void LogCheckpoint(ILogger logger, long frames, long checkpointed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WAL checkpoint failed; SQLite's automatic checkpoint stays as the safety net, retrying")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
