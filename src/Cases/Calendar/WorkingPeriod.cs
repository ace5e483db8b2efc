namespace CityOps.Cases.Calendar;

/// <summary>A span of working time within one local day, e.g. 08:30–12:00. End is exclusive.</summary>
public sealed record WorkingPeriod
{
    public WorkingPeriod(TimeOnly start, TimeOnly end)
    {
        if (end <= start)
        {
            throw new ArgumentException($"A working period must end after it starts ({start:HH\\:mm}–{end:HH\\:mm}).", nameof(end));
        }

        Start = start;
        End = end;
    }

    public TimeOnly Start { get; }

    public TimeOnly End { get; }

    public TimeSpan Length => End - Start;

    public static WorkingPeriod Parse(string start, string end) =>
        new(TimeOnly.ParseExact(start, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            TimeOnly.ParseExact(end, "HH:mm", System.Globalization.CultureInfo.InvariantCulture));
}
