using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Tasks;

/// <summary>The human-task inbox: list, read, claim and complete tasks.</summary>
public interface ITaskService
{
    /// <summary>Open and claimed tasks for a group or person, oldest first, one page.</summary>
    Task<PagedResult<WorkflowTaskRecord>> ListAsync(TaskQuery query, CancellationToken cancellationToken);

    /// <summary>One task, or <c>null</c>.</summary>
    Task<WorkflowTaskRecord?> GetAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>Claims the task; <see cref="TaskClaimedByAnotherException"/> when someone else holds it.</summary>
    Task<WorkflowTaskRecord> ClaimAsync(Guid taskId, string actor, CancellationToken cancellationToken);

    /// <summary>
    /// Completes the task with one of its outcomes and resumes the workflow. An unknown outcome is a
    /// <see cref="FluentValidation.ValidationException"/> naming <c>outcome</c>; a second completion throws
    /// <see cref="TaskAlreadyCompletedException"/>; repeating <paramref name="idempotencyKey"/> returns the first result.
    /// </summary>
    Task<StimulusResult> CompleteAsync(Guid taskId, string outcome, JsonElement? formData, string actor, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="CompleteAsync(Guid, string, JsonElement?, string, string, CancellationToken)"/>, starting from the task
    /// and its instance as the caller just read them in one statement (the shape <see cref="IWorkflowStore.GetTaskForStepAsync"/>
    /// returns), so the first attempt reads nothing more. Its commit still checks the instance version: a step committed
    /// since <paramref name="read"/> was read makes it conflict, and the retry reads afresh and decides as usual.
    /// <paramref name="seed"/>, when given, runs with the first attempt's services before its step: the caller hands over
    /// host rows it read in the same statement (e.g. attaches them to the scope's DbContext) so that the step need not
    /// read them again. A retry runs in a fresh scope without them.
    /// </summary>
    Task<StimulusResult> CompleteAsync(
        TaskForStep read, string outcome, JsonElement? formData, string actor, string idempotencyKey, Action<IServiceProvider>? seed, CancellationToken cancellationToken);
}

internal sealed class TaskService(IServiceScopeFactory scopes, WorkflowRuntime runtime) : ITaskService
{
    public async Task<PagedResult<WorkflowTaskRecord>> ListAsync(TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.AssigneeGroup is null && query.AssigneePerson is null)
        {
            throw new ArgumentException("Give an assignee group or person.", nameof(query));
        }

        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().ListTasksAsync(query, cancellationToken);
    }

    public async Task<WorkflowTaskRecord?> GetAsync(Guid taskId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IWorkflowStore>().GetTaskAsync(taskId, cancellationToken);
    }

    public Task<WorkflowTaskRecord> ClaimAsync(Guid taskId, string actor, CancellationToken cancellationToken) =>
        runtime.ClaimTaskAsync(taskId, actor, cancellationToken);

    public Task<StimulusResult> CompleteAsync(Guid taskId, string outcome, JsonElement? formData, string actor, string idempotencyKey, CancellationToken cancellationToken) =>
        runtime.CompleteTaskAsync(new TaskCompletedStimulus(taskId, outcome, formData, actor, idempotencyKey), cancellationToken);

    public Task<StimulusResult> CompleteAsync(
        TaskForStep read, string outcome, JsonElement? formData, string actor, string idempotencyKey, Action<IServiceProvider>? seed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        return runtime.CompleteTaskAsync(new TaskCompletedStimulus(read.Task.Id, outcome, formData, actor, idempotencyKey), cancellationToken, read, seed);
    }
}
