using System.Text.Json;
using CityOps.Workflows.Runtime;

namespace CityOps.Workflows.Activities;

/// <summary>
/// Writes a notification to the outbox; the host delivers it after the step commits, so a rolled-back step sends
/// nothing.
/// </summary>
[Activity("CityOps.Notify", Category = "Messaging", DisplayNameZh = "通知", DisplayNameEn = "Notify",
    Description = "Sends a message (via the outbox) after the step commits.")]
[ActivityInput("channel", "String", Required = true, UiHint = "channel", Description = "sms, email, inbox…")]
[ActivityInput("recipient", "String", UiHint = "expression", Description = "Who receives it.")]
[ActivityInput("subject", "String", UiHint = "expression", Description = "Subject line.")]
[ActivityInput("body", "Object", Required = true, UiHint = "multiline", Description = "Message body (text or object).")]
internal sealed class Notify : Activity
{
    public override async ValueTask ExecuteAsync(ActivityExecutionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var channel = await context.GetInputAsync<string>("channel")
            ?? throw new InvalidOperationException("Input 'channel' is empty.");
        var recipient = await context.GetInputAsync<string>("recipient");
        var subject = await context.GetInputAsync<string>("subject");
        JsonElement body = await context.EvaluateInputAsync("body");
        context.WriteOutbox(channel, recipient, subject, body);
        context.JournalPayload = new { channel, recipient, subject };
        context.Complete();
    }
}
