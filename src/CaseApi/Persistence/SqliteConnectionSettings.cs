using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Per-connection SQLite settings. The file is switched to WAL once at migration (the mode is stored in the file);
/// synchronous=NORMAL is the recommended pairing with WAL: a crash of the process loses nothing, a power cut may
/// lose the last commits but never corrupts the file.
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
