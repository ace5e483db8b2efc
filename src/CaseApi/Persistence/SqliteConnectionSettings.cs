using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Per-connection SQLite settings. The file is switched to WAL once at migration (the mode is stored in the file);
/// the query planner's stability guarantee is on (below);
/// synchronous=NORMAL is the recommended pairing with WAL: a crash of the process loses nothing, a power cut may
/// lose the last commits but never corrupts the file. The automatic checkpoint is moved to <see cref="SqliteCheckpointer"/>;
/// the connection's own stays, at <see cref="SqliteCheckpointer.SafetyNetPages"/> pages, in case that thread falls behind.
/// </summary>
/// <remarks>
/// The setting belongs to the physical connection (the native handle), which Microsoft.Data.Sqlite pools and hands
/// to every new <see cref="SqliteConnection"/> that opens with the same connection string. It is applied once per
/// handle: handles already configured are remembered weakly, so a pooled reopen sends no command, and a handle that
/// is closed for good (or never pooled) leaves the table with its last reference.
/// </remarks>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    // wal_autocheckpoint: the checkpoint normally runs in SqliteCheckpointer, outside the write gate; this is its safety net.
    private static readonly string Pragma = string.Create(CultureInfo.InvariantCulture,
        $"PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint={SqliteCheckpointer.SafetyNetPages};");

    public static readonly SqliteConnectionSettings Instance = new();

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
        }

        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        MarkConfigured(connection);
    }

    // Marked only after the PRAGMA succeeded; a pooled handle is used by one connection at a time, so no race.
    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            // Plans must not depend on bound values: SQLite otherwise marks a statement with a bound LIMIT (the inbox's
            // page size) for recompiling whenever the value is bound, i.e. on every execution — two compilations per
            // call, and a cached statement would never be reused as compiled.
            _ = raw.sqlite3_db_config(handle, SqliteDbConfigEnableQpsg, 1, out _);
            Configured.AddOrUpdate(handle, Instance);
        }
    }

    private const int SqliteDbConfigEnableQpsg = 1007;
}
