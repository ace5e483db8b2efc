using CityOps.Workflows;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;

namespace CityOps.Benchmarks;

/// <summary>
/// The benchmark workflow: start → wait for event "go" (correlated by <c>input.key</c>) → three SetVariable steps →
/// end. The three steps use literal values, so no script runs per step (WorkflowCore's steps are plain C#).
/// </summary>
internal static class BenchWorkflow
{
    public const string DefinitionId = "bench";
    public const string EventName = "go";

    public static WorkflowDefinition Definition()
    {
        static string Node(string id, string type, string inputs) =>
            $$$"""{"id":"{{{id}}}","type":"{{{type}}}","version":1,"name":"{{{id}}}","inputs":{{{{inputs}}}}}""";
        static string Literal(string name, string value) => "\"" + name + "\":{\"expression\":{\"type\":\"Literal\",\"value\":" + value + "}}";
        static string Link(string from, string to) => $$$"""{"source":{"activity":"{{{from}}}","port":"Done"},"target":{"activity":"{{{to}}}","port":"In"}}""";
        var nodes = new[]
        {
            Node("start", "CityOps.Start", ""),
            Node("wait", "CityOps.Event", Literal("event", "\"go\"") + "," + "\"correlationKey\":{\"expression\":{\"type\":\"JavaScript\",\"value\":\"input.key\"}}"),
            Node("s1", "CityOps.SetVariable", Literal("variable", "\"a\"") + "," + Literal("value", "1")),
            Node("s2", "CityOps.SetVariable", Literal("variable", "\"b\"") + "," + Literal("value", "2")),
            Node("s3", "CityOps.SetVariable", Literal("variable", "\"c\"") + "," + Literal("value", "3")),
            Node("end", "CityOps.End", ""),
        };
        var links = new[] { Link("start", "wait"), Link("wait", "s1"), Link("s1", "s2"), Link("s2", "s3"), Link("s3", "end") };
        var json = $$$"""
            {"definitionId":"{{{DefinitionId}}}","version":1,"name":"bench","isLatest":true,"isPublished":false,"variables":[],
             "root":{"type":"CityOps.Flowchart","activities":[{{{string.Join(',', nodes)}}}],"connections":[{{{string.Join(',', links)}}}]}}
            """;
        return DefinitionJson.Parse(json);
    }

    public static ServiceProvider InMemoryEngine()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddCityOpsWorkflows(o => o.UseInMemoryStore());
        return services.BuildServiceProvider();
    }

    /// <summary>The engine over the EF store on a SQLite file, configured the way the host configures SQLite.</summary>
    public static ServiceProvider SqliteEngine(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<BenchDbContext>(o => o.UseSqlite(connectionString).AddInterceptors(SynchronousNormal.Instance, CommandLog.Instance));
        services.AddScoped<IWorkflowStore>(sp => new EfWorkflowStore(sp.GetRequiredService<BenchDbContext>()));
        services.AddCityOpsWorkflows();
        return services.BuildServiceProvider();
    }

    /// <summary>Creates the schema and switches the file to WAL (stored in the file, like the host's migrator does).</summary>
    public static async Task CreateSqliteAsync(ServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    public static string NewTempFolder(string? root = null)
    {
        var dir = Path.Combine(root ?? Path.GetTempPath(), $"cityops-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>An engine-only DbContext, like the test suite's: the engine's model and UTC-ticks dates for SQLite.</summary>
internal sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyWorkflowsModel();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetAsUtcTicks();
}

/// <summary>
/// synchronous=NORMAL on every physical connection, as the host's SqliteConnectionSettings does: once per pooled
/// native handle (remembered weakly), not on every open. Counts opens and PRAGMAs sent.
/// </summary>
internal sealed class SynchronousNormal : DbConnectionInterceptor
{
    public static readonly SynchronousNormal Instance = new();

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = [];

    private long _opens;
    private long _pragmas;

    public long Opens => Interlocked.Read(ref _opens);

    public long Pragmas => Interlocked.Read(ref _pragmas);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        Interlocked.Increment(ref _opens);
        if (!IsConfigured(connection))
        {
            Apply((SqliteConnection)connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _opens);
        if (IsConfigured(connection))
        {
            return;
        }

        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        Interlocked.Increment(ref _pragmas);
        MarkConfigured(connection);
    }

    public static void Apply(SqliteConnection connection)
    {
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA synchronous=NORMAL;";
            command.ExecuteNonQuery();
        }

        Interlocked.Increment(ref Instance._pragmas);
        MarkConfigured(connection);
    }

    /// <summary>The synchronous setting a connection from this context's pool actually runs with (1 = NORMAL).</summary>
    public static async Task<long> ReadAsync(DbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Instance);
        }
    }
}
