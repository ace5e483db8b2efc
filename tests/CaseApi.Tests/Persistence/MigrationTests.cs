using CityOps.CaseApi.Persistence;
using CityOps.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace CityOps.CaseApi.Tests.Persistence;

public sealed class MigrationTests
{
    private static readonly string[] EngineTables =
        ["WorkflowDefinitions", "WorkflowInstances", "WorkflowBookmarks", "WorkflowTasks", "WorkflowTimers", "WorkflowJournal", "WorkflowOutbox", "WorkflowStimuli", "WorkflowParkedStimuli"];

    private static async Task<List<string>> TableNamesAsync(DbContext db, string sql)
    {
        var names = await db.Database.SqlQueryRaw<string>(sql).ToListAsync(TestContext.Current.CancellationToken);
        return names;
    }

    private static SqliteCityOpsDbContext Sqlite(string cs) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, cs).Options);

    private static PostgreSqlCityOpsDbContext PostgreSql(string cs) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgreSqlCityOpsDbContext>(), DatabaseProvider.PostgreSql, cs).Options);

    private static SqlServerCityOpsDbContext SqlServer() =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqlServerCityOpsDbContext>(), DatabaseProvider.SqlServer, "Server=unused;Database=cityops;TrustServerCertificate=True").Options);

    [Fact]
    public async Task Migrate_EmptySqliteFile_AppliesEveryMigration()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cityops-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = Sqlite($"Data Source={file}");

            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

            var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
            Assert.Equal(db.Database.GetMigrations(), applied);
            Assert.NotEmpty(applied);
            var tables = await TableNamesAsync(db, "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'");
            Assert.All(EngineTables, t => Assert.Contains(t, tables));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Migrate_EmptyPostgreSqlDatabase_AppliesEveryMigration()
    {
        var cs = await PostgresTestServer.CreateDatabaseAsync("cityops_migrate", TestContext.Current.CancellationToken);
        await using var db = PostgreSql(cs);

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        var applied = await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(db.Database.GetMigrations(), applied);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        var tables = await TableNamesAsync(db, "SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'");
        Assert.All(EngineTables, t => Assert.Contains(t, tables));
        await db.Database.EnsureDeletedAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public void SqlServerMigrations_GenerateAnIdempotentScript()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("[__EFMigrationsHistory]", script, StringComparison.Ordinal);
        Assert.All(EngineTables, t => Assert.Contains($"CREATE TABLE [{t}]", script, StringComparison.Ordinal));
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Contains(migration, script, StringComparison.Ordinal);
        }
    }

    // The drift check: the model the code describes equals each provider's latest migration snapshot.
    [Fact]
    public void SqliteMigrations_MatchTheModel() => AssertNoDrift(Sqlite("Data Source=:memory:"));

    [Fact]
    public void PostgreSqlMigrations_MatchTheModel() => AssertNoDrift(PostgreSql("Host=unused;Database=cityops"));

    [Fact]
    public void SqlServerMigrations_MatchTheModel() => AssertNoDrift(SqlServer());

    [Fact]
    public void EveryProvider_HasTheSameMigrations()
    {
        using var sqlite = Sqlite("Data Source=:memory:");
        using var pg = PostgreSql("Host=unused;Database=cityops");
        using var sqlServer = SqlServer();

        static IEnumerable<string> Names(DbContext db) => db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]);

        Assert.Equal(Names(sqlite), Names(pg));
        Assert.Equal(Names(sqlite), Names(sqlServer));
    }

    private static void AssertNoDrift(DbContext db)
    {
        using (db)
        {
            Assert.False(
                db.Database.HasPendingModelChanges(),
                $"{db.GetType().Name}: the model has changes not in a migration. Run `dotnet ef migrations add <Name>` for every provider (see docs/ARCHITECTURE.md).");
        }
    }
}
