using CityOps.Cases.Cases.Intake;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Cases.Duplicates;

/// <summary>A possible duplicate: an open case and how far it is from the new report.</summary>
public sealed record DuplicateCandidate(Guid CaseId, string Number, double DistanceMetres);

/// <summary>Finds open cases of the same kind and code reported near the new report, recently; nearest first.</summary>
public static class DuplicateFinder
{
    private const double EarthRadiusMetres = 6_371_008.8;

    public static async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(
        DbContext db, CaseReport report, DuplicateOptions options, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        if (report.Latitude is not { } lat || report.Longitude is not { } lon || options.RadiusMetres <= 0)
        {
            return [];
        }

        var since = now.AddHours(-options.WindowHours);
        var nearby = await CaseQueries.RecentOpenPlacedAsync(db, report.Kind, report.Code, since, cancellationToken);
        return [.. nearby
            .Select(c => new DuplicateCandidate(c.Id, c.Number, Distance(lat, lon, c.Latitude, c.Longitude)))
            .Where(c => c.DistanceMetres <= options.RadiusMetres)
            .OrderBy(c => c.DistanceMetres)
            .Take(5)];
    }

    /// <summary>Great-circle distance (haversine) in metres.</summary>
    public static double Distance(double lat1, double lon1, double lat2, double lon2)
    {
        static double Rad(double d) => d * Math.PI / 180;
        var dLat = Rad(lat2 - lat1);
        var dLon = Rad(lon2 - lon1);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Rad(lat1)) * Math.Cos(Rad(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }
}
