using System.Globalization;
using System.Text;
using CityOps.CaseApi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SQLitePCL;

namespace CityOps.CaseApi.Tests.Persistence;

/// <summary>
/// The SQLite statement cache (<see cref="CachingSqliteProvider"/>, installed process-wide by <see cref="SqliteNative"/>)
/// and the per-connection settings that keep cached statements valid. Counters are process-wide and other tests run
/// in parallel, so they are compared as "at least", never as exact values.
/// </summary>
public sealed class SqliteStatementCacheTests : IDisposable
{
    private const int StatementStatusReprepare = 5;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cityops-stmt-{Guid.NewGuid():N}");

    public SqliteStatementCacheTests()
    {
        Directory.CreateDirectory(_folder);
        SqliteNative.Configure(new DatabaseOptions().SqliteStatementCache);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ResolvedDatabase Database() => ResolvedDatabase.From(new DatabaseOptions { DataFolder = _folder }, _folder);

    private static SqliteCityOpsDbContext Context(ResolvedDatabase database) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, database.ConnectionString).Options);

    /// <summary>A migrated database with a small table of our own, and an EF context on it (connection closed).</summary>
    private async Task<(ResolvedDatabase Database, SqliteCityOpsDbContext Db)> ProbeDatabaseAsync()
    {
        var database = Database();
        var db = Context(database);
        await db.Database.MigrateAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Id INTEGER PRIMARY KEY, Text TEXT);", Ct);
        return (database, db);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        // A new command each time, as EF Core does: without the cache each one compiles its SQL again.
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync(Ct);
    }

    [Fact]
    public async Task ANewCommandWithTheSameSql_ReusesTheCompiledStatement_WithItsOwnValues()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        const string Sql = "SELECT @a * 10 + coalesce(@b, 7) /* reuse probe */";
        var before = SqliteNative.StatementCache!;

        var first = await ScalarAsync(connection, Sql, ("@a", 1), ("@b", 2));
        var second = await ScalarAsync(connection, Sql, ("@a", 3), ("@b", DBNull.Value));
        var third = await ScalarAsync(connection, Sql, ("@a", 5), ("@b", 4));

        Assert.Equal(new object?[] { 12L, 37L, 54L }, new[] { first, second, third });
        var after = SqliteNative.StatementCache!;
        Assert.True(after.Hits - before.Hits >= 2, $"hits {before.Hits} → {after.Hits}");
    }

    [Fact]
    public async Task ACachedStatement_SeesWhatOtherConnectionsCommitted_AndHoldsNoReadSnapshotWhileIdle()
    {
        var (database, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var reader = (SqliteConnection)db.Database.GetDbConnection();
        await reader.OpenAsync(Ct);
        await using var writer = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await writer.OpenAsync(Ct);
        const string Count = "SELECT count(*) FROM Probe /* snapshot probe */";

        Assert.Equal(0L, await ScalarAsync(reader, Count));
        for (var i = 1; i <= 3; i++)
        {
            await ScalarAsync(writer, "INSERT INTO Probe (Text) VALUES ('x')");
            Assert.Equal((long)i, await ScalarAsync(reader, Count));
        }

        // A statement left un-reset would pin its snapshot and a TRUNCATE checkpoint could not finish (busy = 1).
        await using var checkpoint = writer.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var result = await checkpoint.ExecuteReaderAsync(Ct);
        Assert.True(await result.ReadAsync(Ct));
        Assert.Equal(0L, result.GetInt64(0));
    }

    [Fact]
    public async Task ACachedStatement_FollowsASchemaChange()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        await ScalarAsync(connection, "INSERT INTO Probe (Text) VALUES ('a')");
        const string Sql = "SELECT * FROM Probe /* schema probe */";

        Assert.Equal(2, await FieldCountAsync());
        await ScalarAsync(connection, "ALTER TABLE Probe ADD COLUMN Extra TEXT DEFAULT 'z'");
        Assert.Equal(3, await FieldCountAsync());

        async Task<int> FieldCountAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await using var reader = await command.ExecuteReaderAsync(Ct);
            return reader.FieldCount;
        }
    }

    [Fact]
    public async Task ReopeningAPooledConnection_KeepsCachedStatementsCompiled_AndEfFunctionsWorking()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sql = Encoding.UTF8.GetBytes("SELECT count(*) FROM Probe WHERE Text = @t /* reopen probe */");

        await connection.OpenAsync(Ct);
        var first = Prepare(connection, sql);
        var pointer = first.DangerousGetHandle();
        first.Dispose(); // back to the cache
        await connection.CloseAsync();

        // Open again: Microsoft.Data.Sqlite adds EF Core's functions again (they were removed at Close), which would
        // make SQLite expire every compiled statement of the native connection; the provider keeps them instead.
        await connection.OpenAsync(Ct);
        using var again = Prepare(connection, sql);
        Assert.Equal(pointer, again.DangerousGetHandle());
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_bind_text(again, 1, "x"));
        Assert.Equal(raw.SQLITE_ROW, raw.sqlite3_step(again));
        Assert.Equal(0, raw.sqlite3_stmt_status(again, StatementStatusReprepare, 0));

        Assert.Equal(1L, await ScalarAsync(connection, "SELECT 'abc' REGEXP 'b.'"));
        Assert.Equal(0L, await ScalarAsync(connection, "SELECT 'abc' REGEXP '^b'"));
    }

    [Fact]
    public async Task ABoundLimit_DoesNotMakeSqliteRecompileTheStatement()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);

        // The inbox binds its page size; by default SQLite plans with the bound LIMIT and so recompiles on every bind.
        using var statement = Prepare(connection, Encoding.UTF8.GetBytes("SELECT Id FROM Probe ORDER BY Id LIMIT @take /* limit probe */"));
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_bind_int(statement, 1, 20));
        Assert.Equal(raw.SQLITE_DONE, raw.sqlite3_step(statement));

        Assert.Equal(0, raw.sqlite3_stmt_status(statement, StatementStatusReprepare, 0));
    }

    [Fact]
    public async Task ForeignKeys_AreEnforced_OnEveryPooledOpen()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Parent (Id INTEGER PRIMARY KEY); CREATE TABLE Child (Id INTEGER PRIMARY KEY, ParentId INTEGER NOT NULL REFERENCES Parent (Id));", Ct);

        for (var open = 0; open < 3; open++)
        {
            var failure = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Child (ParentId) VALUES (42);", Ct));
            Assert.Contains("FOREIGN KEY", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ClosingTheNativeConnection_FinalizesItsIdleStatements_SoTheFileIsReallyClosed()
    {
        var (database, db) = await ProbeDatabaseAsync();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        for (var i = 0; i < 5; i++)
        {
            await ScalarAsync(connection, $"SELECT count(*) FROM Probe WHERE Id > {i.ToString(CultureInfo.InvariantCulture)} /* close probe */");
        }

        await db.DisposeAsync();
        SqliteConnection.ClearAllPools();

        // With an idle statement left unfinalized, sqlite3_close_v2 would keep the connection (and the file) open.
        var open = Directory.EnumerateFiles("/proc/self/fd").Select(fd => new FileInfo(fd).LinkTarget).Where(t => t == database.SqliteFile);
        Assert.Empty(open);
    }

    [Fact]
    public async Task Capacity_BoundsTheIdleStatementsOfAConnection_LeastRecentlyUsedOut()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var provider = new CachingSqliteProvider(new SQLite3Provider_e_sqlite3()) { Capacity = 2 };
        var handle = connection.Handle!;
        byte[][] sql = [.. new[] { "SELECT 1", "SELECT 2", "SELECT 3" }.Select(Encoding.UTF8.GetBytes)];
        IntPtr PrepareAndReturn(byte[] text)
        {
            Assert.Equal(raw.SQLITE_OK, provider.sqlite3_prepare_v2(handle, text, out var stmt, out _));
            provider.sqlite3_finalize(stmt);
            return stmt;
        }

        PrepareAndReturn(sql[0]);
        PrepareAndReturn(sql[1]);
        var third = PrepareAndReturn(sql[2]); // three idle with room for two: "SELECT 1", the least recently used, goes

        Assert.Equal(new StatementCacheCounters(0, 3, 1, 2), provider.Counters);
        Assert.Equal(third, PrepareAndReturn(sql[2]));
        PrepareAndReturn(sql[0]);
        Assert.Equal(1, provider.Counters.Hits);
        Assert.Equal(4, provider.Counters.Misses);
        provider.ReleaseIdle(handle.DangerousGetHandle());
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, byte[] sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out sqlite3_stmt statement, out _));
        return statement;
    }
}
