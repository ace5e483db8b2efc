using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Cases.Numbering;

/// <summary>
/// Case numbers YYYYMMDD + 6-digit daily sequence, from a per-day counter row changed in the caller's transaction.
/// Two nodes racing for the same number conflict on the row (concurrency token or primary key) and the losing step is
/// re-run by the engine, so numbers never collide and never skip within a committed day.
/// </summary>
internal static class CaseNumbering
{
    public static async Task<string> NextAsync(DbContext db, DateTimeOffset now, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        var day = TimeZoneInfo.ConvertTime(now, zone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var counter = await db.Set<CaseNumberCounter>().FindAsync([day], cancellationToken);
        if (counter is null)
        {
            counter = new CaseNumberCounter { Day = day, Last = 0 };
            db.Add(counter);
        }

        counter.Last++;
        return day + counter.Last.ToString("D6", CultureInfo.InvariantCulture);
    }
}
