using System.Globalization;

namespace CityOps.Benchmarks;

/// <summary><c>--name value</c> pairs after the benchmark name.</summary>
internal sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var options = new BenchOptions();
        var list = args.ToList();
        for (var i = 0; i + 1 < list.Count; i += 2)
        {
            options._values[list[i].TrimStart('-')] = list[i + 1];
        }

        return options;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public bool Bool(string name) => _values.TryGetValue(name, out var v) && bool.Parse(v);

    public IReadOnlyList<int> Ints(string name, params int[] fallback) =>
        _values.TryGetValue(name, out var v) ? [.. v.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : fallback;
}

/// <summary>Latency samples in Stopwatch ticks.</summary>
internal sealed class Latencies(int capacity)
{
    private readonly List<long> _ticks = new(capacity);

    public int Count => _ticks.Count;

    /// <summary>Process CPU time (all threads, user + kernel) per measured operation, when the run recorded it.</summary>
    public double? CpuMs { get; set; }

    public void Add(long ticks) => _ticks.Add(ticks);

    public double PercentileMs(double p)
    {
        var sorted = _ticks.Order().ToList();
        var index = Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1);
        return sorted[index] * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
    }

    public double MeanMs() => _ticks.Average() * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    public string Summary() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {PercentileMs(50):0.000} ms, p99 {PercentileMs(99):0.000} ms, mean {MeanMs():0.000} ms, n={Count}{(CpuMs is { } cpu ? $", CPU {cpu:0.000} ms/op" : "")}");
}
