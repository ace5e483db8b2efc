using System.Text.Json;
using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Runtime;

/// <summary>Starts, resumes, retries and cancels workflow instances. Each call is one step committed once.</summary>
public interface IWorkflowRuntime
{
    /// <summary>Starts the published version of a definition.</summary>
    Task<WorkflowInstanceSnapshot> StartAsync(StartWorkflowRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Raises an event: resumes every wait on (name, correlation key), starts every published definition whose Start
    /// declares the event (and whose filter passes). A correlated event that no wait took and no start trigger
    /// declares is parked for <see cref="WorkflowRuntimeOptions.ParkedStimulusLifetime"/>; anything else is never parked.
    /// </summary>
    Task<StimulusResult> RaiseEventAsync(EventStimulus stimulus, CancellationToken cancellationToken);

    /// <summary>Delivers any stimulus: task completion, timer fired, or event (same as <see cref="RaiseEventAsync"/>).</summary>
    Task<StimulusResult> ResumeAsync(Stimulus stimulus, CancellationToken cancellationToken);

    /// <summary>The instance, or <c>null</c>.</summary>
    Task<WorkflowInstanceSnapshot?> GetInstanceAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Re-runs the activities of the instance's open incidents.</summary>
    Task<WorkflowInstanceSnapshot> RetryAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>Cancels the instance: its waits, tasks and timers go away.</summary>
    Task<WorkflowInstanceSnapshot> CancelAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>The instance's journal in execution order.</summary>
    Task<IReadOnlyList<JournalRecord>> GetJournalAsync(Guid instanceId, int skip, int take, CancellationToken cancellationToken);
}

/// <summary>Start a published definition.</summary>
/// <param name="DefinitionId">Definition slug.</param>
/// <param name="Input">Instance input; scripts see it as <c>input</c>.</param>
/// <param name="CorrelationId">Host correlation (e.g. the id of the thing the workflow is about).</param>
/// <param name="IdempotencyKey">When given, starting twice with the same key returns the first instance.</param>
public sealed record StartWorkflowRequest(
    string DefinitionId,
    JsonElement? Input = null,
    string? CorrelationId = null,
    string? IdempotencyKey = null);

/// <summary>A read-only view of an instance.</summary>
/// <param name="Id">Instance id.</param>
/// <param name="DefinitionId">Definition slug.</param>
/// <param name="DefinitionVersion">Version it runs on.</param>
/// <param name="Status">Status.</param>
/// <param name="CorrelationId">Host correlation.</param>
/// <param name="Variables">Current variables.</param>
/// <param name="WaitingActivityIds">Activities currently waiting.</param>
/// <param name="Incidents">All incidents, open and resolved.</param>
/// <param name="Version">Concurrency version.</param>
public sealed record WorkflowInstanceSnapshot(
    Guid Id,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    IReadOnlyDictionary<string, JsonElement> Variables,
    IReadOnlyList<string> WaitingActivityIds,
    IReadOnlyList<Incident> Incidents,
    long Version);

/// <summary>Runtime tuning.</summary>
public sealed class WorkflowRuntimeOptions
{
    /// <summary>How often a step that lost an optimistic-concurrency race is re-run from fresh state.</summary>
    public int MaxConcurrencyRetries { get; set; } = 3;

    /// <summary>
    /// Backoff before each such re-run: a random wait between zero and this × 2^(retry − 1) (full jitter), so steps
    /// racing for one hot row spread out instead of meeting again. Zero re-runs at once.
    /// </summary>
    public TimeSpan ConcurrencyRetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Upper bound of one backoff wait.</summary>
    public TimeSpan ConcurrencyRetryMaxDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Guard against runaway loops without waits: a step faults after this many activity runs.</summary>
    public int MaxActivityRunsPerStep { get; set; } = 10_000;

    /// <summary>Journal payloads longer than this (UTF-8 bytes) are truncated with a marker.</summary>
    public int JournalPayloadLimitBytes { get; set; } = 2048;

    /// <summary>
    /// How long a correlated event that matched nothing stays parked waiting for its wait (default 7 days). After
    /// that it is no longer delivered and the sweep deletes it (<see cref="Scheduling.ITimerSweeper.PurgeExpiredParkedAsync"/>).
    /// </summary>
    public TimeSpan ParkedStimulusLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long the record of a processed stimulus (its idempotency key and result) is kept (default 30 days). Within
    /// it, the same key gets the first answer again; after it the sweep deletes the record
    /// (<see cref="Scheduling.ITimerSweeper.PurgeProcessedStimuliAsync"/>) and the key is new again.
    /// </summary>
    public TimeSpan StimulusRetention { get; set; } = TimeSpan.FromDays(30);
}
