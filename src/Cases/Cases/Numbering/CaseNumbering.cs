using System.Globalization;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Cases.Cases.Numbering;

/// <summary>
/// Case numbers YYYYMMDD + 6-digit daily sequence from a per-day counter row. The number is taken with one atomic
/// statement (insert-or-increment returning the new value) in its own short transaction (on the host's write connection when it has one, else a connection of its own),
/// before the workflow step that writes the case commits. The database serialises the increments on the row, so
/// simultaneous reports on any number of nodes each get a distinct number and none of them conflicts or waits for a
/// whole step: the counter is held for one statement, not for the report's step.
/// <para>
/// Trade-off: the number is not rolled back with the step. When the step that took it fails or loses an engine
/// concurrency retry (rare for a first step), that number is never used — the day's sequence has a gap. Numbers stay
/// unique and increasing; they are not guaranteed gap-free.
/// </para>
/// </summary>
internal static class CaseNumbering
{
    public static async Task<string> NextAsync(IServiceScopeFactory scopes, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var day = TimeZoneInfo.ConvertTime(now, zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();

        // On the host's write connection when it has one (SQLite: the step commits' cache stays valid), and in an
        // explicit transaction (not autocommit) so SQLite's in-process write gate orders it with step commits.
        var writer = scope.ServiceProvider.GetService<IWriteConnectionLease>();
        var lease = writer is null ? null : await writer.EnterAsync(db, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var last = (await db.Database.SqlQueryRaw<int>(IncrementSql(db.Database.ProviderName), day).ToListAsync(cancellationToken)).Single();
            await transaction.CommitAsync(cancellationToken);
            return day + last.ToString("D6", CultureInfo.InvariantCulture);
        }
        finally
        {
            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Insert the day's row with 1, or add 1 to it, and return the new value — one statement, atomic on the row.
    /// SQLite ≥ 3.35 and PostgreSQL: upsert with RETURNING; SQL Server: MERGE (HOLDLOCK against the insert race) with OUTPUT.
    /// </summary>
    private static string IncrementSql(string? provider) => provider switch
    {
        "Microsoft.EntityFrameworkCore.SqlServer" =>
            """
            MERGE [CaseNumberCounters] WITH (HOLDLOCK) AS c
            USING (SELECT {0} AS [Day]) AS d ON c.[Day] = d.[Day]
            WHEN MATCHED THEN UPDATE SET c.[Last] = c.[Last] + 1
            WHEN NOT MATCHED THEN INSERT ([Day], [Last]) VALUES (d.[Day], 1)
            OUTPUT inserted.[Last] AS [Value];
            """,
        _ =>
            """
            INSERT INTO "CaseNumberCounters" ("Day", "Last") VALUES ({0}, 1)
            ON CONFLICT ("Day") DO UPDATE SET "Last" = "CaseNumberCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """,
    };
}
