using System.Text.Json;

namespace CityOps.Cases.Cases;

/// <summary>
/// Checks a task completion against the task's form, before the engine sees it. The form (an input of
/// <c>AssignCaseTask</c>) reads: <c>{"fields":[{"name":"department","type":"department|number|string",
/// "requiredFor":["Dispatch"]}],"requirePhotos":["Handled"],"requireComment":["Return"],
/// "blockedWhileOpen":{"Handled":["assist"]}}</c>; the last one refuses an outcome while the case's workflow still has
/// open tasks of the listed activities (the lead's 反馈 before every 协办 department has reported).
/// </summary>
public static class TaskFormRules
{
    public static Dictionary<string, string[]> Validate(
        string? formSchemaJson, string outcome, JsonElement? data, string? comment, int photoCount, Func<string, bool> departmentExists)
    {
        ArgumentNullException.ThrowIfNull(departmentExists);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (formSchemaJson is null)
        {
            return errors;
        }

        using var schema = JsonDocument.Parse(formSchemaJson);
        var root = schema.RootElement;
        if (Lists(root, "requirePhotos", outcome) && photoCount == 0)
        {
            errors["photos"] = [$"Outcome '{outcome}' needs at least one photo."];
        }

        if (Lists(root, "requireComment", outcome) && string.IsNullOrWhiteSpace(comment))
        {
            errors["comment"] = [$"Outcome '{outcome}' needs a comment (the reason)."];
        }

        if (!root.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Array)
        {
            return errors;
        }

        foreach (var field in fields.EnumerateArray())
        {
            var name = field.GetProperty("name").GetString()!;
            JsonElement value = default;
            var present = data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
            if (!present)
            {
                if (Lists(field, "requiredFor", outcome))
                {
                    errors[$"form.{name}"] = [$"'{name}' is required for '{outcome}'."];
                }

                continue;
            }

            var type = field.TryGetProperty("type", out var t) ? t.GetString() : "string";
            var error = type switch
            {
                "number" when value.ValueKind != JsonValueKind.Number || value.GetDecimal() <= 0 => $"'{name}' must be a positive number.",
                "department" when value.ValueKind != JsonValueKind.String || !departmentExists(value.GetString()!) => $"'{value}' is not a department.",
                "departments" when value.ValueKind != JsonValueKind.Array
                    || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String || !departmentExists(v.GetString()!)) => $"'{name}' must list department codes.",
                _ => null,
            };
            if (error is not null)
            {
                errors[$"form.{name}"] = [error];
            }
        }

        return errors;
    }

    /// <summary>The activities whose open tasks block <paramref name="outcome"/> (<c>blockedWhileOpen</c>), or none.</summary>
    public static IReadOnlyList<string> BlockingActivities(string? formSchemaJson, string outcome)
    {
        if (formSchemaJson is null)
        {
            return [];
        }

        using var schema = JsonDocument.Parse(formSchemaJson);
        return schema.RootElement.TryGetProperty("blockedWhileOpen", out var blocked) && blocked.ValueKind == JsonValueKind.Object
            && blocked.TryGetProperty(outcome, out var activities) && activities.ValueKind == JsonValueKind.Array
                ? [.. activities.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!)]
                : [];
    }

    private static bool Lists(JsonElement element, string property, string outcome) =>
        element.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
        && list.EnumerateArray().Any(o => o.ValueKind == JsonValueKind.String && o.GetString() == outcome);
}
