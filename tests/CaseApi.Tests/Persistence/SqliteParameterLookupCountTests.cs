using System.Text;
using CityOps.CaseApi.Persistence;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityOps.CaseApi.Tests.Persistence;

/// <summary>
/// How often the statement cache asks SQLite about parameter names. Its counters are process-wide, so these tests run
/// alone (after every parallel test has finished) and compare exact differences.
/// </summary>
[Collection(SqliteCountersGroup.Name)]
public sealed class SqliteParameterLookupCountTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cityops-names-{Guid.NewGuid():N}.db");

    public SqliteParameterLookupCountTests() => SqliteNative.Configure(new DatabaseOptions().SqliteStatementCache);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ACachedStatement_ReadsItsParameterNamesOnce_AndNeverAsksSqliteForAnIndex()
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync(Ct);
        const int Executions = 50;
        var before = SqliteNative.StatementCache!;

        for (var i = 0; i < Executions; i++)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT @a + @b + @c /* count probe */";
            command.Parameters.AddWithValue("@a", i);
            command.Parameters.AddWithValue("@b", 1);
            command.Parameters.AddWithValue("@c", 2);
            Assert.Equal(i + 3L, await command.ExecuteScalarAsync(Ct));
        }

        var after = SqliteNative.StatementCache!;
        Assert.Equal(Executions - 1, after.Hits - before.Hits);
        Assert.Equal(1, after.ParameterMaps - before.ParameterMaps);
        Assert.Equal(0, after.NativeParameterLookups - before.NativeParameterLookups);
    }

    [Fact]
    public async Task AStatementTheCacheDoesNotOwn_IsAnsweredBySqlite_EveryTime()
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync(Ct);
        var before = SqliteNative.StatementCache!;

        // prepare_v3 is not cached: each lookup goes to SQLite, and is counted.
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v3(connection.Handle, Encoding.UTF8.GetBytes("SELECT @a, @b"), 0, out sqlite3_stmt stmt, out _));
        using var uncached = stmt;
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, raw.sqlite3_bind_parameter_index(uncached, "@b"));
            Assert.Equal(0, raw.sqlite3_bind_parameter_index(uncached, "@c"));
        }

        var after = SqliteNative.StatementCache!;
        Assert.Equal(6, after.NativeParameterLookups - before.NativeParameterLookups);
        Assert.Equal(0, after.ParameterMaps - before.ParameterMaps);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SqliteCountersGroup
{
    public const string Name = "SQLite process-wide counters";
}
