using System.Text.Json;
using CityOps.Cases.Cases.Intake;

namespace CityOps.Cases.Cases;

/// <summary>The parts of a task completion's form data the case keeps: comment and photos.</summary>
internal sealed record TaskForm(string? Comment, IReadOnlyList<PhotoFile> Photos)
{
    public static TaskForm Read(JsonElement? data)
    {
        if (data is not { ValueKind: JsonValueKind.Object } form)
        {
            return new TaskForm(null, []);
        }

        var comment = form.TryGetProperty("comment", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var photos = form.TryGetProperty("photos", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.Deserialize<List<PhotoFile>>(CaseJson.Options) ?? []
            : [];
        return new TaskForm(comment, photos);
    }
}
