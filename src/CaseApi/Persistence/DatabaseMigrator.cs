using CityOps.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CityOps.CaseApi.Persistence;

/// <summary>Creates the data folder and applies the provider's migrations before the node takes requests.</summary>
internal static partial class DatabaseMigrator
{
    public static async Task MigrateCityOpsDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var database = app.Services.GetRequiredService<ResolvedDatabase>();
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CityOps.Database");
        Directory.CreateDirectory(database.DataFolder);

        var description = database.Describe();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();
        if (options.MigrateOnStartup)
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            await db.Database.MigrateAsync(cancellationToken);
            LogMigrated(logger, pending.Count, description);
        }

        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        LogDatabase(logger, description, database.DataFolder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied {Count} pending migration(s) to {Database}")]
    private static partial void LogMigrated(ILogger logger, int count, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database: {Database} (data folder {DataFolder})")]
    private static partial void LogDatabase(ILogger logger, string database, string dataFolder);
}
