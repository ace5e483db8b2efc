namespace CityOps.Cases.Calendar;

// A clock that runs only during some intervals: working periods for a working calendar, always for natural time.
internal interface IActiveTime
{
    // Chronological active intervals that end after `from`, clipped to start no earlier than `from`.
    // The sequence may stop after the local date of `until` (when given) so no later year is looked up.
    IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(
        DateTimeOffset from, DateTimeOffset? until, YearCoverage coverage);
}

// Natural (24×7) time: the clock always runs; only suspensions stop it.
internal sealed class NaturalTime : IActiveTime
{
    public static NaturalTime Instance { get; } = new();

    public IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> IntervalsFrom(
        DateTimeOffset from, DateTimeOffset? until, YearCoverage coverage)
    {
        // Chunks of a year keep arithmetic far from DateTimeOffset.MaxValue.
        for (var start = from; ; start = start.AddDays(366))
        {
            yield return (start, start.AddDays(366));
            if (until is { } u && start.AddDays(366) >= u)
            {
                yield break;
            }
        }
    }
}
