using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

internal sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Completes a task. Two racing completions both load the same instance version; the loser's commit conflicts,
    /// its retry sees the task completed and throws <see cref="TaskAlreadyCompletedException"/>.
    /// </summary>
    public async Task<StimulusResult> CompleteTaskAsync(TaskCompletedStimulus stimulus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        return await WithRetriesAsync(async services =>
        {
            var store = services.GetRequiredService<IWorkflowStore>();
            if (await FindEarlierResultAsync(store, stimulus.IdempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            var task = await LoadOpenTaskAsync(store, stimulus.TaskId, cancellationToken);
            if (!task.Outcomes.Contains(stimulus.Outcome, StringComparer.Ordinal))
            {
                throw new ValidationException([new ValidationFailure("outcome",
                    $"'{stimulus.Outcome}' is not an outcome of this task; expected one of: {string.Join(", ", task.Outcomes)}.")]);
            }

            if (task.ClaimedBy is { } claimant && claimant != stimulus.Actor)
            {
                throw new TaskClaimedByAnotherException($"Task {task.Id} is claimed by {claimant}.");
            }

            var step = await LoadStepAsync(services, task.InstanceId, cancellationToken);
            if (!step.State.Waits.TryGetValue(task.ActivityId, out var wait) || !wait.Awaits(task.Id))
            {
                throw new TaskAlreadyCompletedException($"Task {task.Id} is no longer awaited by its workflow.");
            }

            var form = stimulus.FormData?.Clone();
            await step.Changes.UpdateTaskAsync(task.Id, t =>
            {
                t.Status = WorkflowTaskStatus.Completed;
                t.Outcome = stimulus.Outcome;
                t.CompletedBy = stimulus.Actor;
                t.FormDataJson = form?.GetRawText();
                t.CompletedAt = step.Now;
            }, store, cancellationToken);
            step.State.LastOutcome = JsonSerializer.SerializeToElement(new { name = stimulus.Outcome, form, actor = stimulus.Actor }, DefinitionJson.Options);
            await step.ResumeAsync(task.ActivityId, stimulus);
            await step.RunAsync();
            var result = new StimulusResult(stimulus.IdempotencyKey, [step.Instance.Id], []);
            step.Changes.Stimuli.Add(Processed(stimulus.IdempotencyKey, step.Instance.Id, JsonSerializer.Serialize(result, DefinitionJson.Options)));
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>Claims a task for one person; the instance version guards it like any other step.</summary>
    public Task<WorkflowTaskRecord> ClaimTaskAsync(Guid taskId, string actor, CancellationToken cancellationToken) =>
        WithRetriesAsync(async services =>
        {
            var store = services.GetRequiredService<IWorkflowStore>();
            var task = await LoadOpenTaskAsync(store, taskId, cancellationToken);
            if (task.ClaimedBy == actor)
            {
                return task;
            }

            if (task.ClaimedBy is { } claimant)
            {
                throw new TaskClaimedByAnotherException($"Task {taskId} is already claimed by {claimant}.");
            }

            var step = await LoadStepAsync(services, task.InstanceId, cancellationToken);
            await step.Changes.UpdateTaskAsync(taskId, t =>
            {
                t.Status = WorkflowTaskStatus.Claimed;
                t.ClaimedBy = actor;
            }, store, cancellationToken);
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return step.Changes.TasksUpdated[taskId];
        }, cancellationToken);

    private static async Task<WorkflowTaskRecord> LoadOpenTaskAsync(IWorkflowStore store, Guid taskId, CancellationToken cancellationToken)
    {
        var task = await store.GetTaskAsync(taskId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Task {taskId} does not exist.");
        return task.Status is WorkflowTaskStatus.Completed or WorkflowTaskStatus.Cancelled
            ? throw new TaskAlreadyCompletedException($"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}.")
            : task;
    }

    /// <summary>Fires a due timer once: the commit deletes the timer row under the instance's concurrency check.</summary>
    public Task<StimulusResult> FireTimerAsync(TimerFiredStimulus stimulus, CancellationToken cancellationToken) =>
        WithRetriesAsync(async services =>
        {
            var store = services.GetRequiredService<IWorkflowStore>();
            var timer = await store.GetTimerAsync(stimulus.TimerId, cancellationToken);
            if (timer is null)
            {
                // Another sweeper (or the wait's completion) already removed it: nothing to do, nothing changed.
                return new StimulusResult(stimulus.IdempotencyKey, [], [], Replayed: true);
            }

            var step = await LoadStepAsync(services, timer.InstanceId, cancellationToken);
            var wait = step.State.Waits.Values.FirstOrDefault(w => w.TimerId == timer.Id || w.DeadlineTimerId == timer.Id);
            if (wait is null)
            {
                step.Changes.RemoveTimer(timer.Id);
            }
            else if (timer.Kind == TimerKind.Deadline)
            {
                await step.FireDeadlineAsync(wait);
            }
            else
            {
                await step.ResumeAsync(wait.ActivityId, stimulus);
            }

            await step.RunAsync();
            step.Changes.Stimuli.Add(Processed(stimulus.IdempotencyKey, step.Instance.Id, "{}"));
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return new StimulusResult(stimulus.IdempotencyKey, [step.Instance.Id], []);
        }, cancellationToken);
}
