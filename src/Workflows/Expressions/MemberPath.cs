using System.Collections.Concurrent;
using System.Text.Json;

namespace CityOps.Workflows.Expressions;

/// <summary>
/// Fast path for scripts that are a plain member chain over a JSON global (<c>input.key</c>, <c>variables.x.y</c>):
/// the value is read straight from the <see cref="JsonElement"/> instead of starting a Jint engine. It only answers
/// when the answer is certainly the one Jint would give; everything else (a null or primitive on the way, a missing
/// member that <c>Object.prototype</c> would supply, an object, array or non-trivial number as result, a string whose
/// JSON text has escapes) returns <c>false</c> and the caller runs the script in the sandbox as before.
/// </summary>
internal static class MemberPath
{
    // Safe integers whose JSON text is exactly what JSON.stringify(Number(text)) writes.
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    private static readonly ConcurrentDictionary<string, string[]?> Parsed = new(StringComparer.Ordinal);

    // Names Object.prototype supplies: a missing own member with one of these names is not undefined in JavaScript.
    private static readonly HashSet<string> PrototypeMembers = new(StringComparer.Ordinal)
    {
        "constructor", "__proto__", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable", "toString",
        "toLocaleString", "valueOf", "__defineGetter__", "__defineSetter__", "__lookupGetter__", "__lookupSetter__",
    };

    private static readonly JsonElement Null = JsonSerializer.SerializeToElement<object?>(null);

    /// <summary>The identifiers of <paramref name="script"/> when it is <c>a.b.c</c> (ASCII names, optional <c>;</c>).</summary>
    public static string[]? Parse(string script) => Parsed.GetOrAdd(script, static s => ParseCore(s));

    /// <summary>
    /// Evaluates the path <paramref name="path"/> (root first) when the answer is certain; <paramref name="root"/>
    /// resolves a global (false: not a JSON global, let Jint report it).
    /// </summary>
    public static bool TryEvaluate(string[] path, RootResolver root, out JsonElement result)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(root);
        result = default;
        if (path.Length < 2 || !root(path[0], path[1], out var current, out var found))
        {
            return false;
        }

        for (var i = 1; i < path.Length; i++)
        {
            if (i > 1)
            {
                if (current.ValueKind != JsonValueKind.Object)
                {
                    return false;
                }

                found = current.TryGetProperty(path[i], out current);
            }

            if (!found)
            {
                // A missing own member is undefined (returned as JSON null) unless Object.prototype supplies it;
                // a member of undefined throws a TypeError, which Jint reports.
                if (PrototypeMembers.Contains(path[i]) || i < path.Length - 1)
                {
                    return false;
                }

                result = Null;
                return true;
            }
        }

        if (!IsExact(current))
        {
            return false;
        }

        result = current.Clone();
        return true;
    }

    /// <summary>
    /// Resolves <c>rootName.member</c>: false when <paramref name="rootName"/> is no JSON global or its value is not
    /// a JSON object (null, a primitive or an array: Jint decides).
    /// </summary>
    public delegate bool RootResolver(string rootName, string member, out JsonElement value, out bool found);

    /// <summary>True when Jint's JSON.stringify of the parsed value writes exactly this element's text.</summary>
    private static bool IsExact(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                // Without escapes the text is what Jint writes: it only escapes quotes, backslashes and control
                // characters, none of which can appear unescaped in valid JSON text.
                return !value.GetRawText().Contains('\\', StringComparison.Ordinal);
            case JsonValueKind.Number:
                var text = value.GetRawText();
                return text != "-0" && IsPlainInteger(text) && value.TryGetInt64(out var n) && Math.Abs(n) <= MaxSafeInteger;
            default:
                return false;
        }
    }

    private static bool IsPlainInteger(string text)
    {
        var digits = text.AsSpan(text.StartsWith('-') ? 1 : 0);
        return digits.Length > 0 && (digits.Length == 1 || digits[0] != '0') && !digits.ContainsAnyExceptInRange('0', '9');
    }

    private static string[]? ParseCore(string script)
    {
        var text = script.AsSpan().Trim();
        if (text.EndsWith(";"))
        {
            text = text[..^1].TrimEnd();
        }

        var parts = new List<string>();
        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (!IsIdentifier(part))
            {
                return null;
            }

            parts.Add(part.ToString());
        }

        return parts.Count >= 2 ? [.. parts] : null;
    }

    private static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '$')
            {
                return false;
            }
        }

        return true;
    }
}
