using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Runtime;

internal sealed partial class WorkflowRuntime
{
    public Task<StimulusResult> ResumeAsync(Stimulus stimulus, CancellationToken cancellationToken) => stimulus switch
    {
        TaskCompletedStimulus task => CompleteTaskAsync(task, cancellationToken),
        TimerFiredStimulus timer => FireTimerAsync(timer, cancellationToken),
        EventStimulus e => RaiseEventAsync(e, cancellationToken),
        _ => throw new ArgumentException($"Unknown stimulus {stimulus?.GetType().Name}.", nameof(stimulus)),
    };

    public async Task<StimulusResult> RaiseEventAsync(EventStimulus stimulus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stimulus);
        var hash = CorrelationHash.Compute(stimulus.EventName, stimulus.CorrelationKey);

        // The three lookups share one scope (one store session); the common case hands it on to its resume.
        var lookup = scopes.CreateAsyncScope();
        StimulusResult? earlier;
        IReadOnlyList<BookmarkRecord> bookmarks = [];
        IReadOnlyList<WorkflowDefinitionRecord> triggers = [];
        try
        {
            var store = lookup.ServiceProvider.GetRequiredService<IWorkflowStore>();
            earlier = await FindEarlierResultAsync(store, stimulus.IdempotencyKey, cancellationToken);
            if (earlier is null)
            {
                bookmarks = EventWaits(await store.FindBookmarksAsync(stimulus.EventName, hash, cancellationToken));
                triggers = await store.ListPublishedByTriggerAsync(stimulus.EventName, cancellationToken);
            }
        }
        catch
        {
            await lookup.DisposeAsync();
            throw;
        }

        if (earlier is not null)
        {
            await lookup.DisposeAsync();
            return earlier;
        }

        // The common case, one wait and no start trigger: the result is known before resuming, so its record rides
        // in the resume's own commit (one transaction per event). If the wait is gone, the general path decides.
        if (bookmarks is [var only] && triggers.Count == 0)
        {
            var known = new StimulusResult(stimulus.IdempotencyKey, [only.InstanceId], []);
            var record = Processed(stimulus.IdempotencyKey, null, JsonSerializer.Serialize(known, DefinitionJson.Options));
            if (await ResumeWaitAsync(only, stimulus, $"{stimulus.IdempotencyKey}#{only.InstanceId:N}", null, cancellationToken, record, lookup))
            {
                return known;
            }
        }
        else
        {
            await lookup.DisposeAsync();
        }

        var resumed = new List<Guid>();
        foreach (var bookmark in bookmarks)
        {
            if (await ResumeWaitAsync(bookmark, stimulus, $"{stimulus.IdempotencyKey}#{bookmark.InstanceId:N}", null, cancellationToken))
            {
                resumed.Add(bookmark.InstanceId);
            }
        }

        var (started, triggered) = await StartTriggeredAsync(stimulus, triggers, cancellationToken);

        // Park only what a wait may still come for: a correlated event that no wait took and that is no start
        // trigger (a trigger whose filter said no has had its answer). Uncorrelated events are broadcasts: never parked.
        var parked = resumed.Count == 0 && !triggered && stimulus.CorrelationKey is not null;
        if (parked)
        {
            await ParkAsync(stimulus, hash, cancellationToken);
        }

        var result = new StimulusResult(stimulus.IdempotencyKey, resumed, started, parked);
        return await RecordResultAsync(result, cancellationToken);
    }

    private async Task ParkAsync(EventStimulus stimulus, string hash, CancellationToken cancellationToken)
    {
        var record = new ParkedStimulusRecord
        {
            Id = RowId.New(time.GetUtcNow()), Name = stimulus.EventName, CorrelationHash = hash, IdempotencyKey = stimulus.IdempotencyKey,
            StimulusJson = JsonSerializer.Serialize<Stimulus>(stimulus, DefinitionJson.Options), ParkedAt = time.GetUtcNow(),
        };
        await QueryAsync(async s =>
        {
            await s.CommitAsync(new WorkflowCommit { ParkedAdded = [record] }, cancellationToken);
            return true;
        });

        // A bookmark committed between our lookup and the park would have missed it; look once more.
        await DeliverParkedAsync(stimulus.EventName, hash, cancellationToken);
    }

    /// <summary>
    /// Only event waits take events: task and timer waits have bookmark names too ("task", "tasks", "timer"), and an
    /// event raised under such a name must not reach them (the activity would get a stimulus it cannot read and fault).
    /// </summary>
    private static IReadOnlyList<BookmarkRecord> EventWaits(IReadOnlyList<BookmarkRecord> bookmarks) =>
        bookmarks.All(b => b.Kind == BookmarkKind.Event) ? bookmarks : [.. bookmarks.Where(b => b.Kind == BookmarkKind.Event)];

    /// <summary>Delivers the oldest parked stimulus for (name, hash) to the oldest matching wait, if both exist.</summary>
    private async Task DeliverParkedAsync(string name, string hash, CancellationToken cancellationToken)
    {
        while (true)
        {
            var liveSince = time.GetUtcNow() - _options.ParkedStimulusLifetime;
            var (parkedRows, bookmarks) = await QueryAsync(async s =>
            {
                var live = (await s.FindParkedStimuliAsync(name, hash, cancellationToken)).Where(p => p.ParkedAt > liveSince).ToList();
                return (live, live.Count == 0 ? [] : EventWaits(await s.FindBookmarksAsync(name, hash, cancellationToken)));
            });
            if (parkedRows is not [var parked, ..] || bookmarks is not [var bookmark, ..])
            {
                return;
            }

            var stimulus = (EventStimulus)JsonSerializer.Deserialize<Stimulus>(parked.StimulusJson, DefinitionJson.Options)!;
            if (!await ResumeWaitAsync(bookmark, stimulus, $"{stimulus.IdempotencyKey}#{bookmark.InstanceId:N}", parked.Id, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Resumes one event wait; false when it is gone, the key was processed, or the parked row was taken.</summary>
    private Task<bool> ResumeWaitAsync(
        BookmarkRecord bookmark,
        EventStimulus stimulus,
        string key,
        Guid? parkedId,
        CancellationToken cancellationToken,
        StimulusRecord? eventResult = null,
        AsyncServiceScope? firstScope = null) =>
        WithRetriesAsync(async services =>
        {
            // No read of the per-instance key first: it is written only by the commit that also removes this very
            // bookmark from the instance's waits, so a processed key always fails the wait check below; a racing
            // writer of the same key fails our commit on the unique key (or the instance version) and the retry
            // reloads and returns false there.
            var store = services.GetRequiredService<IWorkflowStore>();
            if (parkedId is { } id && !(await store.FindParkedStimuliAsync(stimulus.EventName, bookmark.CorrelationHash, cancellationToken)).Any(p => p.Id == id))
            {
                return false;
            }

            var step = await LoadStepAsync(services, bookmark.InstanceId, cancellationToken);
            if (!step.State.Waits.TryGetValue(bookmark.ActivityId, out var wait) || wait.BookmarkId != bookmark.Id)
            {
                return false;
            }

            step.State.LastEvent = stimulus.Payload?.Clone();
            await step.ResumeAsync(bookmark.ActivityId, stimulus);
            await step.RunAsync();
            step.Changes.Stimuli.Add(Processed(key, step.Instance.Id, "{}"));
            if (eventResult is not null)
            {
                step.Changes.Stimuli.Add(eventResult);
            }

            if (parkedId is { } taken)
            {
                step.Changes.ParkedRemoved.Add(taken);
            }

            await CommitAsync(services, step, step.Instance.Version, cancellationToken);
            return true;
        }, cancellationToken, firstScope);

    /// <summary>Starts the definitions the event triggers; <c>Triggered</c> when any published Start declares it.</summary>
    private async Task<(List<Guid> Started, bool Triggered)> StartTriggeredAsync(
        EventStimulus stimulus,
        IReadOnlyList<WorkflowDefinitionRecord> definitions,
        CancellationToken cancellationToken)
    {
        var started = new List<Guid>();
        foreach (var definition in definitions)
        {
            var key = $"{stimulus.IdempotencyKey}#start:{definition.DefinitionId}";
            var id = await WithRetriesAsync<Guid?>(async services =>
            {
                var store = services.GetRequiredService<IWorkflowStore>();
                if (await store.FindStimulusAsync(key, cancellationToken) is { } done)
                {
                    return done.InstanceId;
                }

                var step = NewInstanceStep(services, definition, stimulus.Payload, stimulus.CorrelationKey, cancellationToken);
                step.State.LastEvent = stimulus.Payload?.Clone();
                var start = step.Graph.Nodes[step.Graph.StartId];
                if (start.Inputs?.ContainsKey(Activities.Start.FilterInput) == true
                    && (await step.EvaluateInputAsync(start, Activities.Start.FilterInput)).ValueKind != JsonValueKind.True)
                {
                    return null;
                }

                step.Schedule(start.Id, null);
                await step.RunAsync();
                step.Changes.Stimuli.Add(Processed(key, step.Instance.Id, "{}"));
                await CommitAsync(services, step, null, cancellationToken);
                return step.Instance.Id;
            }, cancellationToken);
            if (id is { } instanceId)
            {
                started.Add(instanceId);
            }
        }

        return (started, definitions.Count > 0);
    }

    private async Task<StimulusResult?> FindEarlierResultAsync(string key, CancellationToken cancellationToken) =>
        await QueryAsync(s => FindEarlierResultAsync(s, key, cancellationToken));

    private static async Task<StimulusResult?> FindEarlierResultAsync(IWorkflowStore store, string key, CancellationToken cancellationToken) =>
        await store.FindStimulusAsync(key, cancellationToken) is { } record
            ? JsonSerializer.Deserialize<StimulusResult>(record.ResultJson, DefinitionJson.Options)! with { Replayed = true }
            : null;

    private async Task<StimulusResult> RecordResultAsync(StimulusResult result, CancellationToken cancellationToken)
    {
        var record = Processed(result.IdempotencyKey, null, JsonSerializer.Serialize(result, DefinitionJson.Options));
        try
        {
            await QueryAsync(async s =>
            {
                await s.CommitAsync(new WorkflowCommit { Stimuli = [record] }, cancellationToken);
                return true;
            });
            return result;
        }
        catch (WorkflowConcurrencyException)
        {
            // The same key raced us; the per-instance keys kept the work single, and the first summary stands.
            return await FindEarlierResultAsync(result.IdempotencyKey, cancellationToken) ?? result;
        }
    }

    private async Task<T> QueryAsync<T>(Func<IWorkflowStore, Task<T>> query)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<IWorkflowStore>());
    }
}
