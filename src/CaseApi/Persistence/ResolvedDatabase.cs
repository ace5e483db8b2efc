using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace CityOps.CaseApi.Persistence;

/// <summary>The database settings after defaults are applied: absolute data folder and a usable connection string.</summary>
internal sealed record ResolvedDatabase(DatabaseProvider Provider, string ConnectionString, string DataFolder, string? SqliteFile)
{
    public const string DefaultSqliteFileName = "cityops.db";

    public static ResolvedDatabase From(DatabaseOptions options, string contentRoot)
    {
        var dataFolder = Path.GetFullPath(Path.Combine(contentRoot, options.DataFolder));
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            return new ResolvedDatabase(options.Provider, options.ConnectionString ?? string.Empty, dataFolder, null);
        }

        var sqlite = new SqliteConnectionStringBuilder(
            string.IsNullOrWhiteSpace(options.ConnectionString)
                ? $"Data Source={DefaultSqliteFileName}"
                : options.ConnectionString);
        if (sqlite.DataSource != ":memory:" && !Path.IsPathRooted(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(dataFolder, sqlite.DataSource);
        }

        // A busy writer makes others wait rather than fail at once; WAL readers never block.
        sqlite.DefaultTimeout = 30;
        // Foreign keys are switched on once per native connection (SqliteConnectionSettings): "Foreign Keys=True" here
        // would run the PRAGMA at every open, and that expires every compiled statement of the connection.
        sqlite.ForeignKeys = null;
        return new ResolvedDatabase(options.Provider, sqlite.ConnectionString, dataFolder, sqlite.DataSource);
    }

    /// <summary>Where the data lives, without secrets, for logs and the status page.</summary>
    public string Describe()
    {
        if (SqliteFile is not null)
        {
            return $"SQLite file {SqliteFile}";
        }

        var csb = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        string Part(params string[] keys) =>
            keys.Select(k => csb.TryGetValue(k, out var v) ? v?.ToString() : null).FirstOrDefault(v => !string.IsNullOrEmpty(v)) ?? "?";
        return $"{Provider} database '{Part("Database", "Initial Catalog")}' on '{Part("Host", "Server", "Data Source")}'";
    }
}
