using System.Diagnostics;
using System.Globalization;
using CityOps.CaseApi.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Benchmarks;

/// <summary>
/// What one small write transaction costs at each layer, on the migrated CityOps schema, one caller: raw
/// Microsoft.Data.Sqlite; EF Core without CityOps' interceptors; EF Core as the host configures it (connection
/// settings, write gate). Each transaction: BEGIN, the case-number upsert, COMMIT — as the report's numbering does.
/// </summary>
internal static class TransactionCost
{
    private const string Upsert = """INSERT INTO "CaseNumberCounters" ("Day", "Last") VALUES ('bench', 1) ON CONFLICT ("Day") DO UPDATE SET "Last" = "CaseNumberCounters"."Last" + 1 RETURNING "Last" AS "Value" """;

    public static async Task RunAsync(BenchOptions options)
    {
        var count = options.Int("transactions", 5000);
        var folder = BenchWorkflow.NewTempFolder();
        SqliteNative.Configure(new DatabaseOptions().SqliteStatementCache);
        var database = ResolvedDatabase.From(new DatabaseOptions { DataFolder = folder }, folder);
        try
        {
            await using (var db = Host(database))
            {
                await db.Database.MigrateAsync();
            }

            for (var round = 0; round < 2; round++)
            {
                Console.WriteLine($"round {round + 1} ({count} transactions each, the first round includes warm-up)");
                await MeasureAsync("raw Microsoft.Data.Sqlite", count, () => RawAsync(database));
                await MeasureAsync("EF Core, no interceptors", count, () => EfAsync(Plain(database)));
                await MeasureAsync("EF Core as the host has it", count, () => EfAsync(Host(database)));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SqliteCityOpsDbContext Host(ResolvedDatabase database) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, database.ConnectionString).Options);

    private static SqliteCityOpsDbContext Plain(ResolvedDatabase database) =>
        new(new DbContextOptionsBuilder<SqliteCityOpsDbContext>().UseSqlite(database.ConnectionString).Options);

    private static async Task RawAsync(ResolvedDatabase database)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Upsert;
        _ = await command.ExecuteScalarAsync();
        await transaction.CommitAsync();
    }

    private static async Task EfAsync(SqliteCityOpsDbContext db)
    {
        await using (db)
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            _ = await db.Database.SqlQueryRaw<int>(Upsert).ToListAsync();
            await transaction.CommitAsync();
        }
    }

    private static async Task MeasureAsync(string name, int count, Func<Task> transaction)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await transaction();
        }

        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-30} {clock.Elapsed.TotalMicroseconds / count,7:0} us wall, {(process.TotalProcessorTime - cpu).TotalMicroseconds / count,7:0} us CPU per transaction"));
    }
}
