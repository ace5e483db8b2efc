using CityOps.Cases.Calendar;

namespace CityOps.Cases.Sla;

/// <summary>红黄绿灯: the warning light of a stage (DOMAIN.md §6.4).</summary>
public enum SlaLight
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// Light thresholds as fractions of the limit: green while used ≤ <paramref name="YellowAbove"/> (0.80), yellow while
/// used ≤ <paramref name="RedAbove"/> (1.00), red beyond. Both bounds are inclusive for the lower colour.
/// </summary>
public sealed record SlaThresholds(decimal YellowAbove = 0.80m, decimal RedAbove = 1.00m)
{
    public static SlaThresholds Default { get; } = new();

    public SlaLight LightFor(decimal usedFraction)
    {
        if (YellowAbove <= 0 || RedAbove < YellowAbove)
        {
            throw new InvalidOperationException($"Thresholds must satisfy 0 < yellow ({YellowAbove}) ≤ red ({RedAbove}).");
        }

        return usedFraction <= YellowAbove ? SlaLight.Green
            : usedFraction <= RedAbove ? SlaLight.Yellow
            : SlaLight.Red;
    }
}

/// <summary>The light of a stage at an instant, with the reading and the deadline it is based on.</summary>
public sealed record SlaStatus(SlaLight Light, SlaClockReading Clock, DateTimeOffset Due)
{
    public bool IsAssumption => Clock.AssumedYears.Count > 0;
}

/// <summary>Pure light function from (start, limit, now, suspensions).</summary>
public sealed class SlaLightCalculator(DeadlineCalculator deadlines, SlaThresholds? thresholds = null)
{
    public SlaThresholds Thresholds { get; } = thresholds ?? SlaThresholds.Default;

    /// <summary>The light now, by the given clock (inject <see cref="TimeProvider.System"/> in hosts, a fake in tests).</summary>
    public SlaStatus Evaluate(DateTimeOffset start, TimeLimit limit, TimeProvider clock, IEnumerable<SuspensionInterval>? suspensions = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Evaluate(start, limit, clock.GetUtcNow(), suspensions);
    }

    public SlaStatus Evaluate(DateTimeOffset start, TimeLimit limit, DateTimeOffset now, IEnumerable<SuspensionInterval>? suspensions = null)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var stops = suspensions?.ToArray() ?? [];
        var reading = deadlines.Measure(start, limit, now, stops);
        var due = deadlines.Deadline(start, limit, stops);
        var assumed = reading.AssumedYears.Union(due.AssumedYears).Order().ToArray();
        return new SlaStatus(Thresholds.LightFor(reading.UsedFraction), reading with { AssumedYears = assumed }, due.Due);
    }
}
