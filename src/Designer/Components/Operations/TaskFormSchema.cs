using System.Text.Json;

namespace CityOps.Designer.Components.Operations;

/// <summary>One field of a task form: <c>department</c>, <c>departments</c>, <c>number</c> or <c>string</c>.</summary>
internal sealed record TaskFormField(string Name, string Type, IReadOnlyList<string> RequiredFor);

/// <summary>
/// A task's form as the workflow definition declares it (<c>fields</c>, <c>requirePhotos</c>, <c>requireComment</c>),
/// read so the form can mark what an outcome needs before the host checks it again.
/// </summary>
internal sealed record TaskFormSchema(IReadOnlyList<TaskFormField> Fields, IReadOnlyList<string> RequirePhotos, IReadOnlyList<string> RequireComment)
{
    public static TaskFormSchema Empty { get; } = new([], [], []);

    public bool NeedsPhotos(string? outcome) => outcome is not null && RequirePhotos.Contains(outcome);

    public bool NeedsComment(string? outcome) => outcome is not null && RequireComment.Contains(outcome);

    public static bool Requires(TaskFormField field, string? outcome) => outcome is not null && field.RequiredFor.Contains(outcome);

    /// <summary>Fields that matter for the outcome: those it requires, and optional ones no outcome requires.</summary>
    public IEnumerable<TaskFormField> FieldsFor(string? outcome) =>
        Fields.Where(f => Requires(f, outcome) || f.RequiredFor.Count == 0);

    public static TaskFormSchema Parse(JsonElement? form)
    {
        if (form is not { ValueKind: JsonValueKind.Object } root)
        {
            return Empty;
        }

        var fields = root.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(x => new TaskFormField(
                x.GetProperty("name").GetString() ?? "",
                x.TryGetProperty("type", out var t) ? t.GetString() ?? "string" : "string",
                Strings(x, "requiredFor"))).ToList()
            : [];
        return new TaskFormSchema(fields, Strings(root, "requirePhotos"), Strings(root, "requireComment"));
    }

    private static List<string> Strings(JsonElement element, string property) =>
        element.TryGetProperty(property, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!)]
            : [];
}
