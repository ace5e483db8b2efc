using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Persistence;
using CityOps.CaseApi.Tests.Cases;
using CityOps.Cases.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.CaseApi.Tests.Persistence;

/// <summary>
/// Workflow steps commit on one SQLite connection lent in turn under the write gate, so the pages a commit changes are
/// still in that connection's cache from the commit before, whatever other connections read in between.
/// </summary>
public sealed class SqliteWriteConnectionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cityops-writer-{Guid.NewGuid():N}");

    public SqliteWriteConnectionTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task CaseLoop_CommitsEveryStepOnTheWriteConnection_WhichReadsAlmostNoPageBack()
    {
        using var app = new CaseApp();
        var writer = app.Factory.Services.GetRequiredService<SqliteWriteConnection>();
        await LoopAsync(app); // warms the connection's cache (and the process's)

        var before = writer.Counters;
        await LoopAsync(app);
        var after = writer.Counters;

        // The case number, then report, register, accept, handled, pass, close: seven commits, each on the write connection.
        Assert.Equal(7, after.Leases - before.Leases);

        // Each step read the case and its task on pooled connections in between; a commit on one of those starts with
        // an emptied cache and reads back every page it changes (dozens per step). Only new pages may miss here.
        var misses = after.CacheMisses - before.CacheMisses;
        Assert.True(misses <= 12, $"{misses} pages read back by seven commits; {after.CacheHits - before.CacheHits} cache hits");
        Assert.True(after.CacheHits - before.CacheHits > 50 * misses, $"{after.CacheHits - before.CacheHits} hits, {misses} misses");

        // Operators read the same counters on /health.
        using var http = app.Factory.CreateClient();
        var sqlite = (await http.GetFromJsonAsync<JsonElement>("/health", Ct)).GetProperty("checks").GetProperty("sqlite").GetProperty("data");
        Assert.Equal(after.Leases, sqlite.GetProperty("writeConnectionCommits").GetInt64());
        Assert.True(sqlite.GetProperty("writeConnectionCacheHits").GetInt64() >= after.CacheHits, sqlite.ToString());

        // Each commit writes every page it changed to the log, so seven commits write at least seven; /health adds them up.
        Assert.True(after.PagesWritten - before.PagesWritten >= 7, $"{after.PagesWritten - before.PagesWritten} pages written by seven commits");
        Assert.True(sqlite.GetProperty("writeConnectionPagesWritten").GetInt64() >= after.PagesWritten, sqlite.ToString());
    }

    [Fact]
    public async Task PooledConnection_ReadsPagesBack_AfterAnotherConnectionCommitted()
    {
        // The contrast the write connection exists for (and proof that the counter above can see page reads).
        var (database, options) = await MigratedAsync();
        await using var other = new SqliteCityOpsDbContext(options);
        await using var reader = new SqliteCityOpsDbContext(options);
        await reader.Database.OpenConnectionAsync(Ct);
        var handle = ((SqliteConnection)reader.Database.GetDbConnection()).Handle!;
        await ReadAsync(reader);
        var warm = Misses(handle);
        await ReadAsync(reader);
        Assert.Equal(warm, Misses(handle)); // nothing committed in between: the cache is still valid

        await InsertAsync(other, "elsewhere");
        await ReadAsync(reader);

        Assert.True(Misses(handle) > warm, $"misses {warm} → {Misses(handle)} ({database.SqliteFile})");
    }

    [Fact]
    public async Task Lease_HoldsOtherWritersBack_UntilItIsDisposed()
    {
        var (_, options) = await MigratedAsync();
        using var writer = new SqliteWriteConnection(options);
        await using var stepDb = new SqliteCityOpsDbContext(options);
        await using var otherDb = new SqliteCityOpsDbContext(options);

        var own = stepDb.Database.GetDbConnection();
        var lease = await writer.EnterAsync(stepDb, Ct);
        Assert.NotNull(lease);
        var lent = stepDb.Database.GetDbConnection();
        Assert.NotSame(own, lent);
        var other = Task.Run(() => InsertAsync(otherDb, "other"), Ct);
        await using (var transaction = await stepDb.Database.BeginTransactionAsync(Ct))
        {
            await stepDb.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES ('step');", Ct);
            await transaction.CommitAsync(Ct);
        }

        await Task.Delay(300, Ct);
        Assert.False(other.IsCompleted); // its first statement waits at the gate the lease holds
        await lease.DisposeAsync();
        await other.WaitAsync(TimeSpan.FromSeconds(10), Ct);

        Assert.Equal(["step", "other"], await TextsAsync(otherDb));

        // The step's context has a connection of its own again, to the same file; the write connection stays open for the next lease.
        Assert.NotSame(lent, stepDb.Database.GetDbConnection());
        Assert.Equal(otherDb.Database.GetConnectionString(), stepDb.Database.GetConnectionString());
        Assert.Equal(System.Data.ConnectionState.Open, lent.State);
    }

    [Fact]
    public async Task FailedCommit_WritesNothing_AndTheNextLeaseCommits()
    {
        var (_, options) = await MigratedAsync();
        using var writer = new SqliteWriteConnection(options);
        await using var db = new SqliteCityOpsDbContext(options);

        await using (var lease = await writer.EnterAsync(db, Ct))
        {
            Assert.NotNull(lease);

            // A step that fails half way and leaves its transaction open (as a dropped EF transaction would): the lease
            // must end it before the next writer, or that writer would commit this half step.
            await db.Database.ExecuteSqlRawAsync("BEGIN; INSERT INTO Probe (Id, Text) VALUES (1, 'half');", Ct);
            await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Id, Text) VALUES (1, 'duplicate');", Ct));
        }

        await using (var lease = await writer.EnterAsync(db, Ct))
        {
            Assert.NotNull(lease);
            await using var transaction = await db.Database.BeginTransactionAsync(Ct);
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES ('next');", Ct);
            await transaction.CommitAsync(Ct);
        }

        await using var check = new SqliteCityOpsDbContext(options);
        Assert.Equal(["next"], await TextsAsync(check));
        Assert.Equal(2, writer.Counters.Leases);
    }

    [Fact]
    public async Task ContextWhoseConnectionIsOpen_WritesOnItsOwnConnection()
    {
        var (_, options) = await MigratedAsync();
        using var writer = new SqliteWriteConnection(options);
        await using var db = new SqliteCityOpsDbContext(options);
        await db.Database.OpenConnectionAsync(Ct);
        var own = db.Database.GetDbConnection();

        Assert.Null(await writer.EnterAsync(db, Ct));
        Assert.Same(own, db.Database.GetDbConnection());
    }

    private async Task<(ResolvedDatabase Database, DbContextOptions<SqliteCityOpsDbContext> Options)> MigratedAsync()
    {
        var database = ResolvedDatabase.From(new DatabaseOptions { DataFolder = _folder }, _folder);
        var options = DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, database.ConnectionString).Options;
        await using var db = new SqliteCityOpsDbContext(options);
        await db.Database.MigrateAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE Probe (Id INTEGER PRIMARY KEY, Text TEXT);", Ct);
        return (database, options);
    }

    private static async Task InsertAsync(CityOpsDbContext db, string text)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        await db.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES ({0});", [text], Ct);
        await transaction.CommitAsync(Ct);
    }

    private static Task<List<string>> TextsAsync(CityOpsDbContext db) =>
        db.Database.SqlQueryRaw<string>("SELECT Text AS Value FROM Probe ORDER BY Id").ToListAsync(Ct);

    private static Task<int> ReadAsync(CityOpsDbContext db) =>
        db.Database.SqlQueryRaw<int>("SELECT count(*) AS Value FROM \"WorkflowTasks\"").SingleAsync(Ct);

    private static long Misses(SQLitePCL.sqlite3 handle)
    {
        _ = SQLitePCL.raw.sqlite3_db_status(handle, 8, out var misses, out _, 0);
        return misses;
    }

    private static async Task LoopAsync(CaseApp app)
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        await app.DoAsync("water", id, "Accept");
        await app.DoAsync("water", id, "Handled", photo: true);
        await app.DoAsync("inspector", id, "Pass", photo: true);
        await app.DoAsync("leader", id, "Close");
    }
}
