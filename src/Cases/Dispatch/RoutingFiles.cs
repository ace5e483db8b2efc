using System.Text.Json;
using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Dispatch;

/// <summary>Reads routing rules from JSON: <c>{"rules": [{"id", "code", "area", "department", "note"}]}</c>.</summary>
public static class RoutingFiles
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static IReadOnlyList<RoutingRule> Load(string path)
    {
        using var stream = File.OpenRead(path);
        var dto = JsonSerializer.Deserialize<FileDto>(stream, Json) ?? throw new InvalidDataException($"{path} is empty.");
        return [.. (dto.Rules ?? []).Select(r => new RoutingRule(
            r.Id ?? throw new InvalidDataException($"{path}: a rule has no id."),
            CodeSelector.Parse(r.Code ?? "*"),
            AreaSelector.Parse(r.Area ?? "any"),
            r.Department ?? throw new InvalidDataException($"{path}: rule {r.Id} has no department."),
            r.Note))];
    }

    private sealed record FileDto(RuleDto[]? Rules);

    private sealed record RuleDto(string? Id, string? Code, string? Area, string? Department, string? Note);
}
