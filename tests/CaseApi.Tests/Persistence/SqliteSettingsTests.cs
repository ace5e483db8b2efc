using System.Diagnostics.Metrics;
using CityOps.CaseApi.Endpoints;
using CityOps.CaseApi.Persistence;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Tests.Persistence;

public sealed class SqliteSettingsTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cityops-sqlite-{Guid.NewGuid():N}");

    public SqliteSettingsTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private ResolvedDatabase Database() => ResolvedDatabase.From(new DatabaseOptions { DataFolder = _folder }, _folder);

    private static SqliteCityOpsDbContext Context(ResolvedDatabase database) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, database.ConnectionString).Options);

    private static async Task<long> PragmaAsync(CityOpsDbContext db, string name)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task EveryConnection_IsNormalSync_WithTheAutomaticCheckpointOnlyAsASafetyNet()
    {
        var database = Database();
        await using var db = Context(database);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, await PragmaAsync(db, "synchronous")); // NORMAL, never below
        Assert.Equal(SqliteCheckpointer.SafetyNetPages, await PragmaAsync(db, "wal_autocheckpoint"));
    }

    [Fact]
    public async Task Checkpoint_CopiesTheWholeLog_WhichCommitsNoLongerCheckpointThemselves()
    {
        var database = Database();
        await using (var db = Context(database))
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE Probe (Id INTEGER PRIMARY KEY, Text TEXT);", TestContext.Current.CancellationToken);
        }

        // Kept open (unpooled, so other tests' ClearAllPools cannot close it): without it, closing the last connection
        // would make SQLite checkpoint by itself, and the test would prove nothing.
        await using var holder = new SqliteConnection(new SqliteConnectionStringBuilder(database.ConnectionString) { Pooling = false }.ConnectionString);
        await holder.OpenAsync(TestContext.Current.CancellationToken);
        await using (var db = Context(database))
        {
            for (var i = 0; i < 5; i++)
            {
                await using var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken);
                await db.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES (hex(randomblob(2000)));", TestContext.Current.CancellationToken);
                await transaction.CommitAsync(TestContext.Current.CancellationToken);
            }
        }

        // The commits left their pages in the log (the automatic checkpoint is only a safety net now); one pass copies them.
        var (frames, copied) = SqliteCheckpointer.CheckpointOnce(holder);

        Assert.True(frames > 0, $"{frames} frames in the log");
        Assert.Equal(frames, copied);
    }

    [Fact]
    public async Task WriteGate_ReportsWaitAndHoldTimes_OnItsMeter()
    {
        var database = Database();
        var measured = new List<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteWriteGate.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (measured)
            {
                measured.Add(instrument.Name);
            }
        });
        listener.Start();

        await using var db = Context(database);
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE \"__EFMigrationsHistory\" SET \"ProductVersion\" = \"ProductVersion\";", TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        lock (measured)
        {
            Assert.Contains("cityops.sqlite.write_gate.wait", measured);
            Assert.Contains("cityops.sqlite.write_gate.held", measured);
        }
    }

    [Fact]
    public async Task WriteGate_IsTakenAtTheFirstStatement_AndHoldsOtherTransactionsUntilCommit()
    {
        var ct = TestContext.Current.CancellationToken;
        var database = Database();
        await using var first = Context(database);
        await first.Database.MigrateAsync(ct);
        await first.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Id INTEGER PRIMARY KEY, Text TEXT);", ct);
        await using var second = Context(database);

        // Both begin; neither holds the gate yet, so the second's BEGIN does not wait for the first (it would have, with
        // BEGIN IMMEDIATE under the gate: the second would then block here until the first committed).
        await using var firstTransaction = await first.Database.BeginTransactionAsync(ct);
        await using var secondTransaction = await second.Database.BeginTransactionAsync(ct).WaitAsync(TimeSpan.FromSeconds(5), ct);

        await first.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES ('first');", ct);
        var secondWrite = Task.Run(async () =>
        {
            await second.Database.ExecuteSqlRawAsync("INSERT INTO Probe (Text) VALUES ('second');", ct);
            await secondTransaction.CommitAsync(ct);
        }, ct);

        // The second's first statement queues behind the first transaction, which holds the gate to its commit.
        await Task.Delay(300, ct);
        Assert.False(secondWrite.IsCompleted);
        await firstTransaction.CommitAsync(ct);
        await secondWrite.WaitAsync(TimeSpan.FromSeconds(10), ct);

        var rows = await first.Database.SqlQueryRaw<string>("SELECT Text AS Value FROM Probe ORDER BY Id").ToListAsync(ct);
        Assert.Equal(["first", "second"], rows);
    }

    [Fact]
    public async Task PhotoStore_FilesPhotosInShardFolders_AndCreatesOneAgainWhenRemovedBehindItsBack()
    {
        var store = new CasePhotoStore(Database(), TimeProvider.System);
        var caseId = Guid.NewGuid();
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 100_000).Select(i => (byte)i)];

        var (first, errors) = await store.SaveAsync(caseId, [Photo(jpeg)], TestContext.Current.CancellationToken);
        Assert.Empty(errors);
        Directory.Delete(Path.GetDirectoryName(store.PathOf(first[0].StoredPath))!, recursive: true);
        var (second, _) = await store.SaveAsync(caseId, [Photo(jpeg), Photo(jpeg)], TestContext.Current.CancellationToken);

        Assert.Equal(2, second.Count);
        Assert.All(second, p => Assert.Equal(jpeg, File.ReadAllBytes(store.PathOf(p.StoredPath))));
        Assert.All(second, p => Assert.Equal("image/jpeg", p.ContentType));
        Assert.All(second, p => Assert.Matches("^" + $"{caseId:N}"[^2..] + $"[/\\\\]{caseId:N}-[0-9a-f]{{32}}\\.jpg$", p.StoredPath));
        Assert.Equal(first[0].StoredPath[..3], second[0].StoredPath[..3]);
    }

    [Fact]
    public async Task PhotoStore_SpreadsCasesMadeInTheSameMillisecondOverShardFolders()
    {
        // Case ids lead with their creation time (RowId): a shard taken from their first digits would be one folder.
        var store = new CasePhotoStore(Database(), TimeProvider.System);
        var at = DateTimeOffset.Parse("2026-11-30T09:00:00+08:00", System.Globalization.CultureInfo.InvariantCulture);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. new byte[64]];
        var shards = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 40; i++)
        {
            var (saved, errors) = await store.SaveAsync(RowId.New(at), [Photo(png)], TestContext.Current.CancellationToken);
            Assert.Empty(errors);
            shards.Add(Path.GetDirectoryName(saved[0].StoredPath)!);
        }

        Assert.True(shards.Count > 20, $"40 cases went to {shards.Count} shard folder(s)");
    }

    private static FormFile Photo(byte[] bytes) => new(new MemoryStream(bytes), 0, bytes.Length, "photos", "a.jpg");
}
