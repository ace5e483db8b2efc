namespace CityOps.Cases.Calendar;

// Adds durations to, and measures durations on, a clock that runs only in active intervals minus suspensions.
internal static class ClockWalker
{
    public static DateTimeOffset Add(
        IActiveTime clock, DateTimeOffset start, TimeSpan duration,
        IEnumerable<SuspensionInterval>? suspensions, YearCoverage coverage)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, TimeSpan.Zero);
        if (duration == TimeSpan.Zero)
        {
            return start;
        }

        var stops = Normalise(suspensions);
        var remaining = duration;
        foreach (var (a, b) in clock.IntervalsFrom(start, null, coverage))
        {
            foreach (var (x, y) in Subtract(a, b, stops))
            {
                var length = y - x;
                if (length >= remaining)
                {
                    return x + remaining;
                }

                remaining -= length;
            }
        }

        throw new InvalidOperationException("The clock ran out of active time.");
    }

    public static TimeSpan Between(
        IActiveTime clock, DateTimeOffset from, DateTimeOffset to,
        IEnumerable<SuspensionInterval>? suspensions, YearCoverage coverage)
    {
        if (to <= from)
        {
            return TimeSpan.Zero;
        }

        var stops = Normalise(suspensions);
        var total = TimeSpan.Zero;
        foreach (var (a, b) in clock.IntervalsFrom(from, to, coverage))
        {
            if (a >= to)
            {
                break;
            }

            foreach (var (x, y) in Subtract(a, b < to ? b : to, stops))
            {
                total += y - x;
            }
        }

        return total;
    }

    // Sorted, merged, non-empty suspensions.
    private static List<SuspensionInterval> Normalise(IEnumerable<SuspensionInterval>? suspensions)
    {
        var merged = new List<SuspensionInterval>();
        foreach (var s in (suspensions ?? []).Where(s => s.To > s.From).OrderBy(s => s.From))
        {
            if (merged.Count > 0 && s.From <= merged[^1].To)
            {
                var last = merged[^1];
                merged[^1] = new SuspensionInterval(last.From, s.To > last.To ? s.To : last.To);
            }
            else
            {
                merged.Add(s);
            }
        }

        return merged;
    }

    private static IEnumerable<(DateTimeOffset, DateTimeOffset)> Subtract(
        DateTimeOffset a, DateTimeOffset b, List<SuspensionInterval> stops)
    {
        var cursor = a;
        foreach (var s in stops)
        {
            if (s.To <= cursor)
            {
                continue;
            }

            if (s.From >= b)
            {
                break;
            }

            if (s.From > cursor)
            {
                yield return (cursor, s.From);
            }

            cursor = s.To;
            if (cursor >= b)
            {
                yield break;
            }
        }

        if (cursor < b)
        {
            yield return (cursor, b);
        }
    }
}
