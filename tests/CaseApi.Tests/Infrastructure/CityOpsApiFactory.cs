using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityOps.CaseApi.Tests.Infrastructure;

/// <summary>The real host, in process, on a fresh SQLite file in its own temporary data folder.</summary>
public sealed class CityOpsApiFactory : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "cityops-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The <c>CityOps:Profile</c> the host runs (Demo seeds the demo accounts).</summary>
    public string Profile { get; init; } = "Demo";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("CityOps:Profile", Profile);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Database:ConnectionString", string.Empty);
        builder.UseSetting("Database:DataFolder", DataFolder);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(DataFolder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
