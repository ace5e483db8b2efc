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

        Assert.Equal(new StatementCacheCounters(0, 3, 1, 2, 0, 0), provider.Counters);
        Assert.Equal(third, PrepareAndReturn(sql[2]));
        PrepareAndReturn(sql[0]);
        Assert.Equal(1, provider.Counters.Hits);
        Assert.Equal(4, provider.Counters.Misses);
        provider.ReleaseIdle(handle.DangerousGetHandle());
    }

    [Fact]
    public async Task ACachedStatement_BindsEveryNamedParameterToItsOwnPlace_OnEveryReuse()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        // Names that are prefixes of one another, the three prefixes SQLite accepts, a repeated name and one past ASCII.
        const string Sql = "SELECT @p1, @p10, @p1_0, :p1, $p1, @p1 || '/' || :colon || $dollar, @naïve /* names probe */";
        string[] names = ["@p1", "@p10", "@p1_0", ":p1", "$p1", ":colon", "$dollar", "@naïve"];
        var before = SqliteNative.StatementCache!;

        for (var round = 0; round < 40; round++)
        {
            // Bound in a different order each round, so a binding that sticks to a position would show.
            var values = names.ToDictionary(n => n, n => $"{n}#{round.ToString(CultureInfo.InvariantCulture)}", StringComparer.Ordinal);
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            foreach (var name in round % 2 == 0 ? names : names.Reverse())
            {
                command.Parameters.AddWithValue(name, values[name]);
            }

            await using var reader = await command.ExecuteReaderAsync(Ct);
            Assert.True(await reader.ReadAsync(Ct));
            Assert.Equal(
                new[] { values["@p1"], values["@p10"], values["@p1_0"], values[":p1"], values["$p1"], $"{values["@p1"]}/{values[":colon"]}{values["$dollar"]}", values["@naïve"] },
                Enumerable.Range(0, reader.FieldCount).Select(reader.GetString));
        }

        Assert.True(SqliteNative.StatementCache!.Hits - before.Hits >= 39, "the statement was not reused");
    }

    [Fact]
    public async Task ACachedStatement_FindsAParameterIndex_ExactlyAsSqliteDoes()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var sql = Encoding.UTF8.GetBytes("SELECT @p1, @p10, ?, @p1_0, :p1, ?7, $p1, @b, ?2, @naïve, ? /* index probe */");
        string?[] probes = ["@p1", "@p10", "@p1_0", ":p1", "$p1", "@b", "?7", "?2", "?1", "?8", "@naïve", "@P1", "p1", "@p", "@p1_", "@p100", "@p1 ", ":P1", "@", "?", "", "@unknown", null];

        // SQLite's own answers, from a statement the cache does not own (prepare_v3 goes straight through).
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v3(connection.Handle, sql, 0, out sqlite3_stmt native, out _));
        using var uncached = native;
        var expected = probes.Select(p => raw.sqlite3_bind_parameter_index(uncached, p)).ToList();
        Assert.Equal(new[] { 1, 2, 4, 5, 8, 9, 7, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, expected);

        for (var reuse = 0; reuse < 3; reuse++)
        {
            using var cached = Prepare(connection, sql);
            Assert.Equal(expected, probes.Select(p => raw.sqlite3_bind_parameter_index(cached, p)));
        }
    }

    [Fact]
    public async Task AParameterTheStatementDoesNotHave_IsLeftOut_AndAMissingOneIsReported()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        const string Sql = "SELECT @a * 10 + @b /* unknown name probe */";

        for (var round = 0; round < 3; round++)
        {
            // The index lookup answers 0 for @c, so Microsoft.Data.Sqlite does not bind it and counts only @a and @b.
            Assert.Equal(12L, await ScalarAsync(connection, Sql, ("@a", 1), ("@c", 99), ("@b", 2)));
            var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => ScalarAsync(connection, Sql, ("@a", 1), ("@bb", 2)));
            Assert.Contains("@b", missing.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("@a", missing.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ParameterNames_StillBind_AfterTheStatementWasEvictedOrItsConnectionClosed_AndAfterASchemaChange()
    {
        var (_, db) = await ProbeDatabaseAsync();
        await using var owned = db;
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        const string Insert = "INSERT INTO Probe (Id, Text) VALUES (@id, @text) /* evict probe */";
        const string Read = "SELECT Text FROM Probe WHERE Id = @id";
        var id = 0;
        async Task InsertAndReadBackAsync()
        {
            id++;
            var text = $"row {id.ToString(CultureInfo.InvariantCulture)}";
            await ScalarAsync(connection, Insert, ("@text", text), ("@id", id));
            Assert.Equal(text, await ScalarAsync(connection, Read, ("@id", id)));
        }

        await connection.OpenAsync(Ct);
        await InsertAndReadBackAsync();
        await InsertAndReadBackAsync();

        // Push both statements out of the connection's cache (least recently used first), then compile them again.
        var evictionsBefore = SqliteNative.StatementCache!.Evictions;
        for (var i = 0; i <= new DatabaseOptions().SqliteStatementCache; i++)
        {
            await ScalarAsync(connection, $"SELECT @x + {i.ToString(CultureInfo.InvariantCulture)} /* filler */", ("@x", i));
        }

        Assert.True(SqliteNative.StatementCache!.Evictions - evictionsBefore >= 2);
        await InsertAndReadBackAsync();

        // A schema change: SQLite recompiles the cached statements on their next step, from the same text.
        await ScalarAsync(connection, "ALTER TABLE Probe ADD COLUMN Extra TEXT");
        await InsertAndReadBackAsync();

        // The native connection closed: its idle statements are finalized, the next one compiles them anew.
        await connection.CloseAsync();
        SqliteConnection.ClearAllPools();
        await connection.OpenAsync(Ct);
        await InsertAndReadBackAsync();
        Assert.Equal((long)id, await ScalarAsync(connection, "SELECT count(*) FROM Probe"));
    }

    private static sqlite3_stmt Prepare(SqliteConnection connection, byte[] sql)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out sqlite3_stmt statement, out _));
        return statement;
    }
}
