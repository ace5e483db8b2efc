using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityOps.CaseApi.Tests.Infrastructure;

/// <summary>
/// The real host, in process, on a fresh SQLite file in its own temporary data folder (or on the database and data
/// folder a test gives it, e.g. to restart a node or run two nodes on one PostgreSQL database).
/// </summary>
public sealed class CityOpsApiFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsDataFolder;

    public CityOpsApiFactory(string? dataFolder = null)
    {
        ownsDataFolder = dataFolder is null;
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "cityops-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataFolder { get; }

    /// <summary>The <c>CityOps:Profile</c> the host runs (Demo seeds the demo accounts).</summary>
    public string Profile { get; init; } = "Demo";

    /// <summary>The clock the host uses; a FakeTimeProvider lets a test move time to the minute.</summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Extra configuration (e.g. Database:Provider, Workflows:TimerSweep:IntervalSeconds).</summary>
    public Dictionary<string, string?> Settings { get; init; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("CityOps:Profile", Profile);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", string.Empty);
        builder.UseSetting("Database:DataFolder", DataFolder);

        // Quartz keeps one scheduler per name per process; each in-process host gets its own.
        builder.UseSetting("Workflows:TimerSweep:SchedulerName", $"cityops-test-{Guid.NewGuid():N}");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (Time is not null)
        {
            builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton(Time)));
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsDataFolder && Directory.Exists(DataFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
