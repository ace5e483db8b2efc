using System.Globalization;
using System.Text.Json;
using CityOps.Designer.Services;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace CityOps.Designer.Components.Operations;

/// <summary>
/// Acts on a task: pick an outcome, fill what the task's form asks for it (fields, comment, photos), submit. The
/// form marks and checks what the outcome needs first; the host checks again and its ProblemDetails are shown as given.
/// </summary>
public sealed partial class TaskForm
{
    private readonly Dictionary<string, object?> values = new(StringComparer.Ordinal);
    private readonly List<OpsPhotoUpload> photos = [];
    private TaskFormSchema schema = TaskFormSchema.Empty;
    private string? outcome;
    private string? comment;
    private OpsProblem? problem;
    private bool busy;

    [Parameter, EditorRequired] public OpsTaskDetail Task { get; set; } = default!;

    [Parameter] public IReadOnlyList<OpsDepartment> Departments { get; set; } = [];

    [Parameter] public EventCallback<OpsCompletionResult> OnCompleted { get; set; }

    [Parameter] public EventCallback OnCancel { get; set; }

    protected override void OnParametersSet() => schema = TaskFormSchema.Parse(Task.Form);

    private void Choose(string value)
    {
        outcome = value;
        problem = null;
    }

    private string? Text(string name) => values.GetValueOrDefault(name) as string;

    private void Set(string name, string? value) => values[name] = string.IsNullOrWhiteSpace(value) ? null : value;

    private void SetMany(string name, string[]? value) => values[name] = value is { Length: > 0 } ? value : null;

    private static string DepartmentName(OpsDepartment d) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? d.NameEn : d.NameZh;

    private async Task PickAsync(InputFileChangeEventArgs e)
    {
        photos.Clear();
        var errors = new List<string>();
        foreach (var file in e.GetMultipleFiles(20))
        {
            if (file.Size == 0 || file.Size > Tasks.MaxPhotoBytes)
            {
                errors.Add(string.Format(CultureInfo.CurrentCulture, L["Ops_PhotoTooLarge"], file.Name, Tasks.MaxPhotoBytes / (1024 * 1024)));
                continue;
            }

            using var buffer = new MemoryStream();
            await using var stream = file.OpenReadStream(Tasks.MaxPhotoBytes);
            await stream.CopyToAsync(buffer);
            photos.Add(new OpsPhotoUpload(file.Name, file.ContentType, buffer.ToArray()));
        }

        problem = errors.Count > 0 ? Invalid(new() { ["photos"] = [.. errors] }) : null;
    }

    private async Task SubmitAsync()
    {
        if (Check() is { } invalid)
        {
            problem = invalid;
            return;
        }

        busy = true;
        try
        {
            var result = await Tasks.CompleteAsync(Task.Task.Id, new OpsCompletion(outcome, comment, FormJson(), photos), CancellationToken.None);
            problem = result.Problem;
            if (result.Value is { } done)
            {
                await OnCompleted.InvokeAsync(done);
            }
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>What the outcome needs and is missing, keyed like the host's field errors.</summary>
    private OpsProblem? Check()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (outcome is null)
        {
            errors["outcome"] = [L["Ops_PickOutcome"]];
        }
        else
        {
            if (schema.NeedsPhotos(outcome) && photos.Count == 0)
            {
                errors["photos"] = [L["Ops_NeedsPhoto"]];
            }

            if (schema.NeedsComment(outcome) && string.IsNullOrWhiteSpace(comment))
            {
                errors["comment"] = [L["Ops_NeedsComment"]];
            }

            foreach (var field in schema.Fields.Where(f => TaskFormSchema.Requires(f, outcome) && values.GetValueOrDefault(f.Name) is null))
            {
                errors["form." + field.Name] = [L["Ops_NeedsField"]];
            }
        }

        return errors.Count == 0 ? null : Invalid(errors);
    }

    private OpsProblem Invalid(Dictionary<string, string[]> errors) => new(400, L["Ops_FormIncomplete"], null, errors);

    private JsonElement FormJson()
    {
        var form = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in schema.FieldsFor(outcome))
        {
            if (values.GetValueOrDefault(field.Name) is not { } value)
            {
                continue;
            }

            form[field.Name] = field.Type == "number" && value is string s
                && decimal.TryParse(s, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : value;
        }

        return JsonSerializer.SerializeToElement(form);
    }
}
