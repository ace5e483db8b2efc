using NetTopologySuite.Geometries;

namespace CityOps.Cases.Geography;

/// <summary>Administrative levels, ordered from least to most specific. <see cref="Any"/> is only used by selectors.</summary>
public enum AreaLevel
{
    Any,
    District,
    Street,
    Community,
    Grid,
}

/// <summary>A district (区县, 6 digits), street (街道, 9), community (社区, 12) or unit grid (单元网格, 15) with its boundary.</summary>
public sealed record AreaUnit(string Code, string Name, AreaLevel Level, string? ParentCode, Geometry Boundary);

/// <summary>
/// The codes of a location at every level, read from the 15-digit grid code's prefixes (6 + 3 + 3 + 3, DOMAIN.md §3).
/// A location known only to street level has null community and grid codes.
/// </summary>
public sealed record AreaPath(string? DistrictCode, string? StreetCode, string? CommunityCode, string? GridCode)
{
    public static AreaPath Nowhere { get; } = new(null, null, null, null);

    /// <summary>From any area code: 6 (district), 9 (street), 12 (community) or 15 (grid) characters.</summary>
    public static AreaPath FromCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (code.Length is not (6 or 9 or 12 or 15))
        {
            throw new FormatException($"Area code '{code}' must have 6, 9, 12 or 15 characters.");
        }

        string? Prefix(int length) => code.Length >= length ? code[..length] : null;
        return new AreaPath(Prefix(6), Prefix(9), Prefix(12), Prefix(15));
    }

    public string? CodeAt(AreaLevel level) => level switch
    {
        AreaLevel.District => DistrictCode,
        AreaLevel.Street => StreetCode,
        AreaLevel.Community => CommunityCode,
        AreaLevel.Grid => GridCode,
        _ => null,
    };
}

/// <summary>Where a point lies: its unit grid and the community, street and district containing it.</summary>
public sealed record GridLocation(AreaUnit Grid, AreaUnit Community, AreaUnit Street, AreaUnit District)
{
    public AreaPath Path => new(District.Code, Street.Code, Community.Code, Grid.Code);
}

/// <summary>
/// Selects areas for routing rules and responsibilities: <c>any</c>, or <c>level:code</c> such as <c>street:330196001</c>.
/// </summary>
public sealed record AreaSelector(AreaLevel Level, string? Code)
{
    public static AreaSelector Any { get; } = new(AreaLevel.Any, null);

    public bool Matches(AreaPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Level == AreaLevel.Any || (path.CodeAt(Level) is { } code && string.Equals(code, Code, StringComparison.Ordinal));
    }

    public static AreaSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (string.Equals(text, "any", StringComparison.OrdinalIgnoreCase))
        {
            return Any;
        }

        var parts = text.Split(':');
        var lengths = new Dictionary<AreaLevel, int> { [AreaLevel.District] = 6, [AreaLevel.Street] = 9, [AreaLevel.Community] = 12, [AreaLevel.Grid] = 15 };
        if (parts.Length != 2 || !Enum.TryParse<AreaLevel>(parts[0], ignoreCase: true, out var level)
            || !lengths.TryGetValue(level, out var length) || parts[1].Length != length)
        {
            throw new FormatException($"Area selector '{text}' is not 'any' or 'district|street|community|grid:<code of 6|9|12|15 characters>'.");
        }

        return new AreaSelector(level, parts[1]);
    }

    public override string ToString() => Level == AreaLevel.Any ? "any" : $"{Level.ToString().ToLowerInvariant()}:{Code}";
}
