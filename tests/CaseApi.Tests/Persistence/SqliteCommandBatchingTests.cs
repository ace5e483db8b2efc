using System.Collections.Concurrent;
using System.Data.Common;
using CityOps.CaseApi.Persistence;
using CityOps.Cases.Persistence.Catalog;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CityOps.CaseApi.Tests.Persistence;

/// <summary>
/// SaveChanges on SQLite sends its row commands as one batch, and a row that another writer changed or removed still
/// fails the whole save: nothing of the batch is written.
/// </summary>
public sealed class SqliteCommandBatchingTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"cityops-batching-{Guid.NewGuid():N}");
    private readonly Commands _commands = new();

    public SqliteCommandBatchingTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task SaveChanges_SendsInsertsUpdatesAndDeletes_AsOneCommand()
    {
        var options = await MigratedAsync();
        await using (var seed = Context(options))
        {
            seed.AddRange(Mark("a", 1), Mark("b", 2));
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = Context(options);
        var a = await db.Set<CatalogSeedMark>().SingleAsync(m => m.Section == "a", Ct);
        var b = await db.Set<CatalogSeedMark>().SingleAsync(m => m.Section == "b", Ct);
        a.Added = 10;
        db.Remove(b);
        db.AddRange(Mark("c", 3), Mark("d", 4));
        _commands.Sent.Clear();
        await db.SaveChangesAsync(Ct);

        var sent = Assert.Single(_commands.Sent);
        Assert.Equal(4, sent.Split(';').Count(s => !string.IsNullOrWhiteSpace(s)));
        Assert.Equal([("a", 10), ("c", 3), ("d", 4)], await RowsAsync(options));
    }

    [Fact]
    public async Task RowRemovedByAnotherWriter_FailsTheSave_AndNothingOfTheBatchIsWritten()
    {
        var options = await MigratedAsync();
        await using (var seed = Context(options))
        {
            seed.AddRange(Mark("a", 1), Mark("b", 2));
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = Context(options);
        var a = await db.Set<CatalogSeedMark>().SingleAsync(m => m.Section == "a", Ct);
        var b = await db.Set<CatalogSeedMark>().SingleAsync(m => m.Section == "b", Ct);
        await using (var other = Context(options))
        {
            await other.Set<CatalogSeedMark>().Where(m => m.Section == "b").ExecuteDeleteAsync(Ct);
        }

        a.Added = 10;
        b.Added = 20; // its UPDATE, in the same batch, matches no row now
        db.Add(Mark("c", 3));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync(Ct));
        Assert.Equal([("a", 1)], await RowsAsync(options));
    }

    private static CatalogSeedMark Mark(string section, int added) => new() { Section = section, Added = added, SeededAt = DateTimeOffset.UnixEpoch };

    private static SqliteCityOpsDbContext Context(DbContextOptions<SqliteCityOpsDbContext> options) => new(options);

    private async Task<DbContextOptions<SqliteCityOpsDbContext>> MigratedAsync()
    {
        var database = ResolvedDatabase.From(new DatabaseOptions { DataFolder = _folder }, _folder);
        var options = DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, database.ConnectionString)
            .AddInterceptors(_commands).Options;
        await using var db = new SqliteCityOpsDbContext(options);
        await db.Database.MigrateAsync(Ct);
        await db.Set<CatalogSeedMark>().ExecuteDeleteAsync(Ct);
        return options;
    }

    private static async Task<List<(string, int)>> RowsAsync(DbContextOptions<SqliteCityOpsDbContext> options)
    {
        await using var db = new SqliteCityOpsDbContext(options);
        return [.. (await db.Set<CatalogSeedMark>().OrderBy(m => m.Section).ToListAsync(Ct)).Select(m => (m.Section, m.Added))];
    }

    private sealed class Commands : DbCommandInterceptor
    {
        public ConcurrentQueue<string> Sent { get; } = new();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Sent.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
