using System.Text.Json;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

internal sealed partial class WorkflowStep
{
    /// <summary>(name, hash) of event bookmarks created by this step; parked stimuli for them are delivered after commit.</summary>
    public List<(string Name, string Hash)> NewEventBookmarks { get; } = [];

    private async Task RegisterWaitAsync(ActivityDefinition node, PendingWait pending)
    {
        var wait = new WaitState
        {
            ActivityId = node.Id,
            BookmarkId = RowId.New(Now),
            Kind = pending.Kind,
            Name = pending.Name,
            CorrelationHash = CorrelationHash.Compute(pending.Name, pending.CorrelationKey),
        };
        var descriptor = Graph.Descriptors[node.Id];
        if (descriptor.SupportsDeadline && node.Inputs?.ContainsKey(ActivityDescriptor.DeadlineInput) == true)
        {
            // Evaluate the deadline first: if its expression fails, no half-registered wait is left behind.
            var due = await ResolveDueAsync(node, await EvaluateInputAsync(node, ActivityDescriptor.DeadlineInput));
            var interrupting = await EvaluateInputAsync(node, ActivityDescriptor.InterruptingInput);
            wait.DeadlineInterrupting = interrupting.ValueKind != JsonValueKind.False;
            wait.DeadlineTimerId = AddTimer(node.Id, wait.BookmarkId, TimerKind.Deadline, due);
        }

        if (wait.Kind == BookmarkKind.Event)
        {
            Changes.BookmarksAdded.Add(new BookmarkRecord
            {
                Id = wait.BookmarkId, InstanceId = Instance.Id, ActivityId = node.Id, Kind = wait.Kind,
                Name = wait.Name, CorrelationHash = wait.CorrelationHash, CreatedAt = Now,
            });
        }
        else
        {
            wait.Unindexed = true; // found through its task or timer row (see WaitState.Unindexed)
        }
        if (pending.Task is { } task)
        {
            wait.TaskId = RowId.New(Now);
            Changes.TasksAdded.Add(new WorkflowTaskRecord
            {
                Id = wait.TaskId.Value, InstanceId = Instance.Id, BookmarkId = wait.BookmarkId, ActivityId = node.Id,
                Title = task.Title, AssigneeGroup = task.AssigneeGroup, AssigneePerson = task.AssigneePerson,
                Outcomes = [.. task.Outcomes], FormSchemaJson = task.FormSchemaJson, DueAt = task.DueAt,
                Status = WorkflowTaskStatus.Open, CreatedAt = Now,
            });
        }

        AddTasks(node, wait, pending.Tasks);
        if (pending.TimerDueAt is { } dueAt)
        {
            wait.TimerId = AddTimer(node.Id, wait.BookmarkId, TimerKind.Timer, dueAt);
        }

        if (wait.Kind == BookmarkKind.Event)
        {
            NewEventBookmarks.Add((wait.Name, wait.CorrelationHash));
        }

        State.Waits[node.Id] = wait;
    }

    private Guid AddTimer(string activityId, Guid bookmarkId, TimerKind kind, DateTimeOffset dueAt)
    {
        var id = RowId.New(Now);
        Changes.TimersAdded.Add(new TimerRecord
        {
            Id = id, InstanceId = Instance.Id, BookmarkId = bookmarkId, ActivityId = activityId, Kind = kind,
            DueAt = dueAt.ToUniversalTime(), CreatedAt = Now,
        });
        return id;
    }

    public async Task RemoveWaitAsync(WaitState wait, bool cancelTask)
    {
        State.Waits.Remove(wait.ActivityId);
        if (!wait.Unindexed)
        {
            Changes.RemoveBookmark(wait.BookmarkId);
        }
        if (wait.TimerId is { } timer)
        {
            Changes.RemoveTimer(timer);
        }

        if (wait.DeadlineTimerId is { } deadline)
        {
            Changes.RemoveTimer(deadline);
        }

        if (cancelTask && wait.TaskId is { } taskId)
        {
            await Changes.UpdateTaskAsync(taskId, t =>
            {
                t.Status = WorkflowTaskStatus.Cancelled;
                t.CompletedAt = Now;
            }, Store, CancellationToken);
        }

        if (cancelTask)
        {
            await CancelOpenTasksAsync(wait);
        }
    }

    /// <summary>A boundary deadline fired: follow Overdue; an interrupting one also ends the wait.</summary>
    public async Task FireDeadlineAsync(WaitState wait)
    {
        var node = Graph.Nodes[wait.ActivityId];
        if (wait.DeadlineTimerId is { } id)
        {
            Changes.RemoveTimer(id);
            wait.DeadlineTimerId = null;
        }

        if (wait.DeadlineInterrupting)
        {
            await RemoveWaitAsync(wait, cancelTask: true);
        }

        AddJournal(node, "Overdue", [ActivityDescriptor.OverduePort], null, new { interrupting = wait.DeadlineInterrupting });
        Follow(node.Id, [ActivityDescriptor.OverduePort]);
    }

    /// <summary>WaitAny fired: cancel the waits and queued work of every branch leading into the join.</summary>
    public async ValueTask CancelUpstreamAsync(string joinId)
    {
        var upstream = Graph.Upstream(joinId);
        foreach (var wait in State.Waits.Values.Where(w => upstream.Contains(w.ActivityId)).ToList())
        {
            await RemoveWaitAsync(wait, cancelTask: true);
            AddJournal(Graph.Nodes[wait.ActivityId], "Cancelled", [], null, new { reason = $"join '{joinId}' continued" });
        }

        Unschedule(upstream);
    }

    /// <summary>Cancels every wait and all queued work (instance cancel, terminating End).</summary>
    public async Task CancelAllAsync(string reason)
    {
        foreach (var wait in State.Waits.Values.ToList())
        {
            await RemoveWaitAsync(wait, cancelTask: true);
            AddJournal(Graph.Nodes[wait.ActivityId], "Cancelled", [], null, new { reason });
        }

        _queue.Clear();
    }

    public IReadOnlyList<string> RecordJoinArrival(string joinId, string? arrivedFrom)
    {
        if (!State.JoinArrivals.TryGetValue(joinId, out var arrivals))
        {
            State.JoinArrivals[joinId] = arrivals = [];
        }

        if (arrivedFrom is not null && !arrivals.Contains(arrivedFrom))
        {
            arrivals.Add(arrivedFrom);
        }

        return arrivals;
    }

    public async ValueTask<DateTimeOffset> ResolveDueAsync(ActivityDefinition node, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String && TimeSpec.TryParseDuration(value.GetString()!, out var duration))
        {
            var calculator = Services.GetRequiredService<IDeadlineCalculator>();
            var request = new DeadlineRequest(Now, duration, value.GetString()!, node.Type, node.Id, Instance.Id);
            return await calculator.CalculateAsync(request, CancellationToken);
        }

        return TimeSpec.TryParseInstant(value, out var instant)
            ? instant
            : throw new Expressions.ExpressionException($"'{value}' is neither an ISO-8601 duration (e.g. PT4H) nor an instant.");
    }

    public void AddOutbox(string activityId, string channel, string? recipient, string? subject, JsonElement body) =>
        Changes.Outbox.Add(new OutboxRecord
        {
            Id = RowId.New(Now), InstanceId = Instance.Id, ActivityId = activityId, Channel = channel,
            Recipient = recipient, Subject = subject, Body = body.GetRawText(), CreatedAt = Now,
        });
}
