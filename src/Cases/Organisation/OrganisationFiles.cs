using System.Text.Json;
using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Organisation;

/// <summary>Reads definitions/organisation/departments.json (departments + 权责清单).</summary>
public static class OrganisationFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static OrganisationData Load(string path)
    {
        using var stream = File.OpenRead(path);
        var dto = JsonSerializer.Deserialize<FileDto>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
        return new OrganisationData(
            [.. (dto.Departments ?? []).Select(d => new Department(
                d.Code ?? throw new InvalidDataException($"{path}: a department has no code."),
                d.NameZh ?? "", d.NameEn ?? "", Enum.Parse<DepartmentLevel>(d.Level ?? "", ignoreCase: true),
                d.Parent, d.Area ?? "", d.Kind ?? ""))],
            [.. (dto.Responsibilities ?? []).Select(r => new Responsibility(
                r.Department ?? "", [.. (r.Codes ?? []).Select(CodeSelector.Parse)], AreaSelector.Parse(r.Area ?? "any"),
                r.DutyZh ?? "", r.DutyEn ?? ""))]);
    }

    private sealed record FileDto(DepartmentDto[]? Departments, ResponsibilityDto[]? Responsibilities);

    private sealed record DepartmentDto(string? Code, string? NameZh, string? NameEn, string? Level, string? Parent, string? Area, string? Kind);

    private sealed record ResponsibilityDto(string? Department, string[]? Codes, string? Area, string? DutyZh, string? DutyEn);
}
