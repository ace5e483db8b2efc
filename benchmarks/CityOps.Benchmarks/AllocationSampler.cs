using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace CityOps.Benchmarks;

/// <summary>
/// The runtime's allocation samples (one event about every 100 KB allocated, naming the type that crossed the mark),
/// summed per type while it listens: where the bytes of a loop go, without a profiler. Costs a little CPU, so the
/// loops print it only when asked (<c>--alloc-types N</c>).
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

    // Full names (with the declaring type of nested and compiler-generated types) by method table.
    private readonly ConcurrentDictionary<IntPtr, string> _names = new();

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = names.IndexOf("TypeID") is >= 0 and var id && eventData.Payload?[id] is IntPtr handle && handle != IntPtr.Zero
            ? _names.GetOrAdd(handle, h => Type.GetTypeFromHandle(RuntimeTypeHandle.FromIntPtr(h))?.ToString() ?? "?")
            : names.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload?[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(eventData.Payload?[a], CultureInfo.InvariantCulture) : 0;
        _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
    }

    public void Print(int top, int loops)
    {
        var total = _bytes.Values.Sum();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"allocation samples: {total / 1024.0 / loops:0} KB per loop sampled; the {top} largest types:"));
        foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes / 1024.0 / loops,8:0.0} KB/loop {(double)bytes / total,6:0.0%}  {type}"));
        }
    }
}
