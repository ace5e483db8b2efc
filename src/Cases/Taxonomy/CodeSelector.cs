namespace CityOps.Cases.Taxonomy;

/// <summary>How wide a code selector is. Ordered from least to most specific.</summary>
public enum CodeScope
{
    Any,
    MajorClass,
    Exact,
}

/// <summary>
/// Selects case types for routing rules and responsibilities: <c>*</c> (any), <c>matter:*</c> (any code of a kind),
/// <c>matter:06</c> (a major class) or <c>matter:06010</c> (one 5-digit code).
/// </summary>
public sealed record CodeSelector(CodeScope Scope, CaseKind? Kind, string? Code)
{
    public static CodeSelector Any { get; } = new(CodeScope.Any, null, null);

    public bool Matches(CaseKind kind, string code) => Scope switch
    {
        CodeScope.Any => Kind is null || Kind == kind,
        CodeScope.MajorClass => Kind == kind && code.StartsWith(Code!, StringComparison.Ordinal),
        _ => Kind == kind && string.Equals(code, Code, StringComparison.Ordinal),
    };

    public static CodeSelector Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text == "*")
        {
            return Any;
        }

        var parts = text.Split(':');
        if (parts.Length != 2 || !Enum.TryParse<CaseKind>(parts[0], ignoreCase: true, out var kind))
        {
            throw new FormatException($"Code selector '{text}' is not '*', 'kind:*', 'kind:NN' or 'kind:NNNNN'.");
        }

        return parts[1] switch
        {
            "*" => new CodeSelector(CodeScope.Any, kind, null),
            { Length: 2 } c when c.All(char.IsAsciiDigit) => new CodeSelector(CodeScope.MajorClass, kind, c),
            { Length: 5 } c when c.All(char.IsAsciiDigit) => new CodeSelector(CodeScope.Exact, kind, c),
            _ => throw new FormatException($"Code selector '{text}' needs a 2-digit class or a 5-digit code."),
        };
    }

    public override string ToString() => Scope == CodeScope.Any && Kind is null
        ? "*"
        : $"{Kind.ToString()!.ToLowerInvariant()}:{Code ?? "*"}";
}
