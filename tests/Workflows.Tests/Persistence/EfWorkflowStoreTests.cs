using CityOps.Testing;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>A DbContext holding only the engine's model, the way a host includes it.</summary>
internal sealed class EngineOnlyDbContext(DbContextOptions<EngineOnlyDbContext> options, bool sqlite) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowsModel();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        if (sqlite)
        {
            configurationBuilder.StoreDateTimeOffsetAsUtcTicks();
        }
    }

    public static EngineOnlyDbContext Sqlite(string cs) =>
        new(new DbContextOptionsBuilder<EngineOnlyDbContext>().UseSqlite(cs).Options, sqlite: true);

    public static EngineOnlyDbContext PostgreSql(string cs) =>
        new(new DbContextOptionsBuilder<EngineOnlyDbContext>().UseNpgsql(cs).Options, sqlite: false);
}

/// <summary>Base for EF Core runs of the compliance suite: every session is a store over its own DbContext.</summary>
public abstract class EfWorkflowStoreTests : WorkflowStoreComplianceTests
{
    private readonly List<DbContext> _contexts = [];

    private protected abstract EngineOnlyDbContext NewContext();

    private protected abstract Task CreateDatabaseAsync();

    protected override async ValueTask<IWorkflowStore> CreateStoreAsync()
    {
        await CreateDatabaseAsync();
        await using (var schema = NewContext())
        {
            // The host applies migrations; here the engine's model alone is created to test the store.
            await schema.Database.EnsureCreatedAsync(Ct);
        }

        return Open();
    }

    protected override ValueTask<IWorkflowStore> OpenSecondSessionAsync() => ValueTask.FromResult<IWorkflowStore>(Open());

    private EfWorkflowStore Open()
    {
        var db = NewContext();
        _contexts.Add(db);
        return new EfWorkflowStore(db);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts)
        {
            await db.DisposeAsync();
        }

        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The compliance suite on a fresh SQLite file per test.</summary>
public sealed class EfSqliteWorkflowStoreTests : EfWorkflowStoreTests
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cityops-store-{Guid.NewGuid():N}.db");

    private protected override EngineOnlyDbContext NewContext() => EngineOnlyDbContext.Sqlite($"Data Source={_file}");

    private protected override Task CreateDatabaseAsync() => Task.CompletedTask;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}

/// <summary>The compliance suite on a fresh database per test on the real PostgreSQL server.</summary>
public sealed class EfPostgreSqlWorkflowStoreTests : EfWorkflowStoreTests
{
    private string? _cs;

    private protected override EngineOnlyDbContext NewContext() => EngineOnlyDbContext.PostgreSql(_cs!);

    private protected override async Task CreateDatabaseAsync() => _cs = await PostgresTestServer.CreateDatabaseAsync("cityops_store", Ct);
}
