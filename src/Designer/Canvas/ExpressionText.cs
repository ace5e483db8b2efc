using System.Text.Json;
using CityOps.Workflows.Definitions;

namespace CityOps.Designer.Canvas;

/// <summary>
/// How the property panel edits one input as text: a string literal as its plain text, a string list one item per
/// line, any other literal as JSON, a script as its source.
/// </summary>
public static class ExpressionText
{
    public const string StringListHint = "string-list";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonSerializerOptions Compact = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToText(ExpressionDefinition? expression, string uiHint)
    {
        if (expression is null)
        {
            return "";
        }

        var value = expression.Value;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() ?? "",
            JsonValueKind.Array when uiHint == StringListHint && value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) =>
                string.Join('\n', value.EnumerateArray().Select(v => v.GetString())),
            JsonValueKind.Undefined or JsonValueKind.Null => "",
            _ => JsonSerializer.Serialize(value, uiHint is "multiline" or "switch-cases" ? Indented : Compact),
        };
    }

    /// <summary>The expression for edited text, <c>null</c> for an empty box (input removed), or an error message.</summary>
    public static (ExpressionDefinition? Expression, string? Error) FromText(string? text, string syntax, string valueType, string uiHint)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, null);
        }

        if (syntax == ExpressionDefinition.JavaScript)
        {
            return (new ExpressionDefinition(syntax, JsonSerializer.SerializeToElement(text)), null);
        }

        if (uiHint == StringListHint && !text.TrimStart().StartsWith('['))
        {
            var items = text.Split(['\n', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return (new ExpressionDefinition(syntax, JsonSerializer.SerializeToElement(items)), null);
        }

        if (valueType is "String" or "Duration" or "Instant")
        {
            return (new ExpressionDefinition(syntax, JsonSerializer.SerializeToElement(text)), null);
        }

        try
        {
            using var doc = JsonDocument.Parse(text);
            return (new ExpressionDefinition(syntax, doc.RootElement.Clone()), null);
        }
        catch (JsonException) when (valueType == "Object")
        {
            // A message body is often just text: keep it as a string literal.
            return (new ExpressionDefinition(syntax, JsonSerializer.SerializeToElement(text)), null);
        }
        catch (JsonException e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>Whether an ISO-8601 duration (P3D, PT4H30M) or instant parses; empty is fine.</summary>
    public static bool IsDurationOrInstant(string? text) =>
        string.IsNullOrWhiteSpace(text)
        || DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _)
        || TryDuration(text);

    private static bool TryDuration(string text)
    {
        try
        {
            _ = System.Xml.XmlConvert.ToTimeSpan(text.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }
}
