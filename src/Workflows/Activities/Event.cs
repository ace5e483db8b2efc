using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Waits for a named event with a correlation key. An event raised before this wait is committed is parked and
/// delivered as soon as the wait exists. The payload is visible to later scripts as <c>event</c>.
/// </summary>
[Activity("CityOps.Event", Category = "Events", DisplayNameZh = "等待事件", DisplayNameEn = "Wait for event",
    Description = "Waits for a named event with a correlation key.")]
[WaitingActivity]
[ActivityInput("event", "String", Required = true, UiHint = "event-name", Description = "Event name.")]
[ActivityInput("correlationKey", "String", UiHint = "expression", Description = "Which event instance (e.g. an id).")]
[ActivityInput("resultVariable", "String", UiHint = "variable-picker", Description = "Variable receiving the payload.")]
internal sealed class Event : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = await context.GetInputAsync<string>("event")
            ?? throw new InvalidOperationException("Input 'event' is empty.");
        var key = await context.EvaluateInputAsync("correlationKey");
        var correlation = key.ValueKind switch
        {
            System.Text.Json.JsonValueKind.Null => null,
            System.Text.Json.JsonValueKind.String => key.GetString(),
            _ => key.GetRawText(),
        };
        context.CreateBookmark(name, correlation);
    }

    public override async ValueTask ResumeAsync(ActivityExecutionContext context, Stimulus stimulus)
    {
        ArgumentNullException.ThrowIfNull(context);
        var received = (EventStimulus)stimulus;
        if (await context.GetInputAsync<string>("resultVariable") is { } variable)
        {
            context.SetVariable(variable, received.Payload);
        }

        context.JournalPayload = received.Payload;
        context.Complete();
    }
}
