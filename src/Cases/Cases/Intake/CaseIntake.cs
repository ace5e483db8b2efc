using CityOps.Cases.Catalog;
using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Cases.Intake;

/// <summary>Validates a report against the city snapshot: source, code (legacy codes resolved), location, text.</summary>
public static class CaseIntake
{
    public const int MaxDescriptionLength = 4000;

    /// <summary>The resolved report, or every field error (field name → messages).</summary>
    public static (CaseReport? Report, Dictionary<string, string[]> Errors) Resolve(
        CaseReportRequest request, CitySnapshot city, Guid caseId, string reporter, string reporterRole, IReadOnlyList<PhotoFile> photos)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(city);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        void Fail(string field, string message) => errors[field] = [message];

        if (!Enum.TryParse<CaseSource>(request.Source, ignoreCase: true, out var source) || !Enum.IsDefined(source))
        {
            Fail("source", $"Give one of: {string.Join(", ", Enum.GetNames<CaseSource>())}.");
        }

        CodeResolution? code = null;
        if (!Enum.TryParse<CaseKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            Fail("kind", "Give 'matter' (事项) or 'component' (部件).");
        }
        else if (string.IsNullOrWhiteSpace(request.Code))
        {
            Fail("code", "The type code is required (5 digits, or a legacy 4-digit code).");
        }
        else if ((code = city.Taxonomy.Resolve(kind, request.Code.Trim())) is null)
        {
            Fail("code", $"'{request.Code}' is not a {kind.ToString().ToLowerInvariant()} code of the taxonomy.");
        }

        var urgency = code is null ? Urgency.Normal : city.Taxonomy.ConfigFor(code.Entry.Kind, code.Entry.Code)?.Urgency ?? Urgency.Normal;
        if (request.Urgency is { } u && (!Enum.TryParse(u, ignoreCase: true, out urgency) || !Enum.IsDefined(urgency)))
        {
            Fail("urgency", "Give Normal, Urgent or Emergency.");
        }

        if (string.IsNullOrWhiteSpace(request.Description))
        {
            Fail("description", "Describe the problem.");
        }
        else if (request.Description.Length > MaxDescriptionLength)
        {
            Fail("description", $"At most {MaxDescriptionLength} characters.");
        }

        var place = Locate(request, city.Grids, Fail);
        if (errors.Count > 0 || code is null || place is null)
        {
            return (null, errors);
        }

        var report = new CaseReport(
            caseId, source, code.Entry.Kind, code.Entry.Code, code.IsLegacy ? code.RequestedCode : null, code.Entry.NameZh,
            request.Description!.Trim(), request.Latitude, request.Longitude, request.Address?.Trim(),
            place.GridCode!, place.CommunityCode!, place.StreetCode!, place.DistrictCode!, urgency,
            reporter, reporterRole, request.ReporterContact, request.SelfDisposed, photos);
        return (report, errors);
    }

    private static AreaPath? Locate(CaseReportRequest request, GridIndex grids, Action<string, string> fail)
    {
        if (request.Latitude is { } lat && request.Longitude is { } lon)
        {
            if (lat is < -90 or > 90 || lon is < -180 or > 180 || double.IsNaN(lat) || double.IsNaN(lon))
            {
                fail("location", "Latitude must be within ±90 and longitude within ±180 (WGS84).");
                return null;
            }

            var found = grids.Locate(lat, lon);
            if (found is null)
            {
                fail("location", $"({lat}, {lon}) is outside the city's grids.");
            }

            return found?.Path;
        }

        if (!string.IsNullOrWhiteSpace(request.GridCode) && !string.IsNullOrWhiteSpace(request.Address))
        {
            var grid = grids.Find(request.GridCode.Trim());
            if (grid is null || grid.Level != AreaLevel.Grid)
            {
                fail("gridCode", $"'{request.GridCode}' is not a unit grid of the city.");
                return null;
            }

            return AreaPath.FromCode(grid.Code);
        }

        fail("location", "Give latitude and longitude, or an address with its grid code.");
        return null;
    }
}
