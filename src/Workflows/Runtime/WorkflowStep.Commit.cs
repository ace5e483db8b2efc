using System.Text;
using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Runtime;

internal sealed partial class WorkflowStep
{
    private const string TruncationMarker = "…[truncated]";

    public void AddJournal(ActivityDefinition node, string eventName, IEnumerable<string> outcomes, string? actor, object? payload)
    {
        Changes.Journal.Add(new JournalRecord
        {
            Id = RowId.New(Now),
            InstanceId = Instance.Id,
            Sequence = ++State.JournalSequence,
            ActivityId = node.Id,
            ActivityType = node.Type,
            EventName = eventName,
            Outcomes = string.Join(',', outcomes),
            Actor = actor,
            Timestamp = Now,
            Payload = payload is null ? null : Bound(JsonSerializer.Serialize(payload, DefinitionJson.Options), _options.JournalPayloadLimitBytes),
        });
    }

    /// <summary>Cuts a payload to at most <paramref name="limitBytes"/> UTF-8 bytes, ending with a visible marker.</summary>
    internal static string Bound(string payload, int limitBytes)
    {
        if (Encoding.UTF8.GetByteCount(payload) <= limitBytes)
        {
            return payload;
        }

        var budget = limitBytes - Encoding.UTF8.GetByteCount(TruncationMarker);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in payload.EnumerateRunes())
        {
            used += rune.Utf8SequenceLength;
            if (used > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
        }

        return builder.Append(TruncationMarker).ToString();
    }

    public WorkflowStatus ComputeStatus() =>
        Cancelled ? WorkflowStatus.Cancelled
        : State.Incidents.Any(i => i.ResolvedAt is null) ? WorkflowStatus.Faulted
        : State.Waits.Count > 0 ? WorkflowStatus.Suspended
        : WorkflowStatus.Finished;

    /// <summary>The single commit of this step; <paramref name="expectedVersion"/> null inserts the instance.</summary>
    public WorkflowCommit BuildCommit(long? expectedVersion)
    {
        var status = ComputeStatus();
        Instance.Status = status;
        Instance.IncidentCount = State.Incidents.Count(i => i.ResolvedAt is null);
        Instance.StateJson = State.Write();
        Instance.UpdatedAt = Now;
        Instance.FinishedAt = status is WorkflowStatus.Finished or WorkflowStatus.Cancelled ? Now : null;
        return Changes.ToCommit(new InstanceWrite(Instance, expectedVersion) { Original = expectedVersion is null ? null : Original });
    }
}
