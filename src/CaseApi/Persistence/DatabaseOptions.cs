using System.ComponentModel.DataAnnotations;

namespace CityOps.CaseApi.Persistence;

/// <summary>The database a node uses. Bound from the <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary>Sqlite (default, a file in the data folder), PostgreSql or SqlServer.</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Provider connection string. For SQLite it may be empty: the file <c>cityops.db</c> in <see cref="DataFolder"/> is used.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file and uploaded files; relative paths are under the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>Apply pending migrations at start-up (the default; turn off when a DBA applies scripts).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// SQLite only: compiled statements kept per connection for reuse (see <see cref="CachingSqliteProvider"/>);
    /// 0 compiles every command anew. The setting is process-wide: the last node started in a process sets it.
    /// </summary>
    [Range(0, 10_000)]
    public int SqliteStatementCache { get; set; } = 128;
}

/// <summary>Supported database providers; each has its own migrations.</summary>
public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
    SqlServer,
}
