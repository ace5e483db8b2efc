namespace CityOps.Cases.Calendar;

// Collects the years a computation touched without data, or throws at the first one, depending on the policy.
internal sealed class YearCoverage(Func<int, bool> hasData, MissingYearPolicy policy)
{
    private readonly SortedSet<int> _assumed = [];

    public IReadOnlyList<int> AssumedYears => [.. _assumed];

    public void Touch(int year)
    {
        if (hasData(year))
        {
            return;
        }

        if (policy == MissingYearPolicy.Throw)
        {
            throw new CalendarDataMissingException(year);
        }

        _assumed.Add(year);
    }

    public static YearCoverage Unchecked { get; } = new(_ => true, MissingYearPolicy.Throw);
}
