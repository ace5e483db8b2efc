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
    /// <para>
    /// The idempotency key is looked up only when it can matter: a key is recorded by the commit that completes a task,
    /// so while the task is open and awaited the first attempt goes ahead without the lookup (its commit inserts the
    /// key and fails on a duplicate). Every other outcome (task gone, done, claimed, bad outcome) and every retry after
    /// a conflict looks the key up first, so a repeated key still returns the first result exactly as before.
    /// </para>
    /// </summary>
    /// <param name="stimulus">The completion.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="read">
    /// The task and its instance as the caller just read them (one statement, as <see cref="IWorkflowStore.GetTaskForStepAsync"/>
    /// answers), for the first attempt only: it reads nothing more, its commit still checks the instance version (a step
    /// committed since the read conflicts), and every retry reads afresh.
    /// </param>
    /// <param name="seed">With <paramref name="read"/>: runs with the first attempt's services before its step (host rows read with the task).</param>
    public async Task<StimulusResult> CompleteTaskAsync(
        TaskCompletedStimulus stimulus, CancellationToken cancellationToken, TaskForStep? read = null, Action<IServiceProvider>? seed = null)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        if (read is not null && read.Task.Id != stimulus.TaskId)
        {
            throw new ArgumentException($"The task read is {read.Task.Id}, the completion is for {stimulus.TaskId}.", nameof(read));
        }

        var attempts = 0;
        return await WithRetriesAsync(async services =>
        {
            var store = services.GetRequiredService<IWorkflowStore>();
            var retry = attempts++ > 0;
            if (retry && await FindEarlierResultAsync(store, stimulus.IdempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier;
            }

            // Throws unless the key was processed before, in which case its first result is the answer.
            async Task<StimulusResult> EarlierOr(Exception refusal) =>
                !retry && await FindEarlierResultAsync(store, stimulus.IdempotencyKey, cancellationToken) is { } first ? first : throw refusal;

            // The caller's records are copied: the step changes the ones it works on.
            TaskForStep? loaded;
            if (!retry && read is not null)
            {
                seed?.Invoke(services);
                loaded = new TaskForStep(read.Task.Copy(), read.Step is { } s ? s with { Instance = s.Instance.Copy() } : null);
            }
            else
            {
                loaded = await store.GetTaskForStepAsync(stimulus.TaskId, cancellationToken);
            }

            if (OpenTaskProblem(loaded, stimulus.TaskId) is { } missing)
            {
                return await EarlierOr(missing);
            }

            var task = loaded!.Task;
            if (!task.Outcomes.Contains(stimulus.Outcome, StringComparer.Ordinal))
            {
                return await EarlierOr(new ValidationException([new ValidationFailure("outcome",
                    $"'{stimulus.Outcome}' is not an outcome of this task; expected one of: {string.Join(", ", task.Outcomes)}.")]));
            }

            if (task.ClaimedBy is { } claimant && claimant != stimulus.Actor)
            {
                return await EarlierOr(new TaskClaimedByAnotherException($"Task {task.Id} is claimed by {claimant}."));
            }

            if (loaded.Step is not { } forStep)
            {
                return await EarlierOr(new WorkflowNotFoundException($"Instance {task.InstanceId} does not exist."));
            }

            var step = await StepForAsync(services, store, forStep, cancellationToken);
            if (!step.State.Waits.TryGetValue(task.ActivityId, out var wait) || !wait.Awaits(task.Id))
            {
                return await EarlierOr(new TaskAlreadyCompletedException($"Task {task.Id} is no longer awaited by its workflow."));
            }

            // The row read with the instance is this version's row: no second read to update it.
            step.Changes.Track(task);
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
            var loaded = await store.GetTaskForStepAsync(taskId, cancellationToken);
            if (OpenTaskProblem(loaded, taskId) is { } problem)
            {
                throw problem;
            }

            var task = loaded!.Task;
            if (task.ClaimedBy == actor)
            {
                return task;
            }

            if (task.ClaimedBy is { } claimant)
            {
                throw new TaskClaimedByAnotherException($"Task {taskId} is already claimed by {claimant}.");
            }

            var step = await StepForAsync(services, store, loaded.Step
                ?? throw new WorkflowNotFoundException($"Instance {task.InstanceId} does not exist."), cancellationToken);
            step.Changes.Track(task);
            await step.Changes.UpdateTaskAsync(taskId, t =>
            {
                t.Status = WorkflowTaskStatus.Claimed;
                t.ClaimedBy = actor;
            }, store, cancellationToken);
            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return step.Changes.TasksUpdated[taskId];
        }, cancellationToken);

    /// <summary>Why a task cannot be worked: it does not exist, or it is completed or cancelled; null when open.</summary>
    private static Exception? OpenTaskProblem(TaskForStep? loaded, Guid taskId) => loaded?.Task switch
    {
        null => new WorkflowNotFoundException($"Task {taskId} does not exist."),
        { Status: WorkflowTaskStatus.Completed or WorkflowTaskStatus.Cancelled } task =>
            new TaskAlreadyCompletedException($"Task {taskId} is already {task.Status.ToString().ToLowerInvariant()}."),
        _ => null,
    };

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
