using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Runtime;

/// <summary>
/// Multi-instance waits: one bookmark owning several tasks. The wait lasts until its last open task is completed, its
/// activity completes, or it is cancelled (deadline, WaitAny, terminate, instance cancel), which cancels the open ones.
/// </summary>
internal sealed partial class WorkflowStep
{
    private void AddTasks(ActivityDefinition node, WaitState wait, IReadOnlyList<(Guid Id, HumanTaskRequest Request)>? tasks)
    {
        if (tasks is null)
        {
            return;
        }

        wait.TaskIds = [.. tasks.Select(t => t.Id)];
        foreach (var (id, task) in tasks)
        {
            Changes.TasksAdded.Add(new WorkflowTaskRecord
            {
                Id = id, InstanceId = Instance.Id, BookmarkId = wait.BookmarkId, ActivityId = node.Id,
                Title = task.Title, AssigneeGroup = task.AssigneeGroup, AssigneePerson = task.AssigneePerson,
                Outcomes = [.. task.Outcomes], FormSchemaJson = task.FormSchemaJson, DueAt = task.DueAt,
                Status = WorkflowTaskStatus.Open, CreatedAt = Now,
            });
        }
    }

    /// <summary>A task of a multi-instance wait was completed: true while others are still open (the wait goes on).</summary>
    private static bool KeepsWaiting(WaitState wait, Stimulus stimulus)
    {
        if (wait.TaskIds is not { } open || stimulus is not TaskCompletedStimulus completed)
        {
            return false;
        }

        open.Remove(completed.TaskId);
        return open.Count > 0;
    }

    private async Task CancelOpenTasksAsync(WaitState wait)
    {
        foreach (var id in wait.TaskIds ?? [])
        {
            await Changes.UpdateTaskAsync(id, t =>
            {
                t.Status = WorkflowTaskStatus.Cancelled;
                t.CompletedAt = Now;
            }, Store, CancellationToken);
        }

        wait.TaskIds?.Clear();
    }
}
