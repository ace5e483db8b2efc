using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>One item of a multi-instance task and how its task ended, as kept in the activity's result variable.</summary>
/// <param name="Item">The list element the task was created for.</param>
/// <param name="TaskId">Its task.</param>
/// <param name="AssigneeGroup">Who works it.</param>
public sealed record ParallelTaskItem(JsonElement Item, Guid TaskId, string? AssigneeGroup)
{
    /// <summary>The outcome chosen, once completed.</summary>
    public string? Outcome { get; init; }

    /// <summary>The submitted form.</summary>
    public JsonElement? Form { get; init; }

    /// <summary>Who completed it.</summary>
    public string? Actor { get; init; }

    /// <summary>When it was completed.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}

/// <summary>
/// The bookkeeping every multi-instance task activity shares (the engine's <c>ParallelTasks</c> and host variants): one
/// task per item in one step, each item's outcome, form and actor recorded in a result variable as it is completed.
/// </summary>
public static class ParallelTaskItems
{
    /// <summary>
    /// Creates one task per item and records the items in <paramref name="variable"/>. With no items nothing is
    /// created and the variable is an empty list: the activity should complete at once.
    /// </summary>
    public static void CreateItemTasks(this ActivityExecutionContext context, string variable, IReadOnlyList<(JsonElement Item, HumanTaskRequest Task)> items)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            context.SetVariable(variable, Array.Empty<ParallelTaskItem>());
            return;
        }

        var ids = context.CreateTasks([.. items.Select(i => i.Task)]);
        context.SetVariable(variable, items.Select((i, n) => new ParallelTaskItem(i.Item.Clone(), ids[n], i.Task.AssigneeGroup)).ToList());
    }

    /// <summary>Records a completion in <paramref name="variable"/>; returns the completed item and every item so far.</summary>
    public static (ParallelTaskItem Completed, IReadOnlyList<ParallelTaskItem> All) RecordItemCompletion(
        this ActivityExecutionContext context, string variable, TaskCompletedStimulus completed)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(completed);
        var items = context.GetVariable(variable)?.Deserialize<List<ParallelTaskItem>>(DefinitionJson.Options) ?? [];
        var index = items.FindIndex(i => i.TaskId == completed.TaskId);
        if (index < 0)
        {
            throw new InvalidOperationException($"Task {completed.TaskId} is not an item of variable '{variable}'; was the variable overwritten?");
        }

        items[index] = items[index] with
        {
            Outcome = completed.Outcome, Form = completed.FormData?.Clone(), Actor = completed.Actor, CompletedAt = context.Now,
        };
        context.SetVariable(variable, items);
        return (items[index], items);
    }

    /// <summary>Fills <c>{item}</c> (a string item, or the item's JSON) and <c>{item.name}</c> (a property) in a template.</summary>
    public static string Fill(string template, JsonElement item)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (item.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in item.EnumerateObject())
            {
                template = template.Replace($"{{item.{property.Name}}}", Text(property.Value), StringComparison.Ordinal);
            }
        }

        return template.Replace("{item}", Text(item), StringComparison.Ordinal);
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
