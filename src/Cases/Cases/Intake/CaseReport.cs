using System.Text.Json;
using System.Text.Json.Serialization;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Cases.Intake;

/// <summary>What a reporter sends to <c>POST /api/cases</c> (JSON, or the fields of a multipart form).</summary>
public sealed record CaseReportRequest(
    string? Source,
    string? Kind,
    string? Code,
    string? Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string? GridCode,
    string? Urgency,
    string? ReporterContact,
    bool SelfDisposed = false);

/// <summary>A photo already stored on disk, described for the case's rows.</summary>
public sealed record PhotoFile(Guid Id, string ContentType, long Size, string StoredPath);

/// <summary>
/// A validated report: the input of the <c>case-lifecycle</c> instance, from which <c>RecordReport</c> creates the case
/// row in the instance's first step (one transaction).
/// </summary>
public sealed record CaseReport(
    Guid CaseId,
    CaseSource Source,
    CaseKind Kind,
    string Code,
    string? ReportedCode,
    string Title,
    string Description,
    double? Latitude,
    double? Longitude,
    string? Address,
    string GridCode,
    string CommunityCode,
    string StreetCode,
    string DistrictCode,
    Urgency Urgency,
    string Reporter,
    string ReporterRole,
    string? ReporterContact,
    bool SelfDisposed,
    IReadOnlyList<PhotoFile> Photos)
{
    public JsonElement ToJson() => JsonSerializer.SerializeToElement(this, CaseJson.Options);

    public static CaseReport FromJson(JsonElement json) =>
        json.Deserialize<CaseReport>(CaseJson.Options) ?? throw new InvalidOperationException("The instance input is not a case report.");
}

/// <summary>JSON of case data inside workflow state: camelCase, enums as names (scripts compare <c>input.source</c>).</summary>
public static class CaseJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
