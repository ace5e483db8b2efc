using CityOps.Cases.Calendar;
using CityOps.Cases.Catalog;
using CityOps.Cases.Sla;
using CityOps.Workflows.Scheduling;

namespace CityOps.Cases.Cases.Sla;

/// <summary>
/// The engine's deadlines in the city's working time: days of an ISO-8601 duration are working days (the calendar's
/// standard day), hours and minutes are working hours and minutes. <c>P2D</c> from Friday 16:00 is Tuesday 16:00.
/// </summary>
internal sealed class WorkingTimeDeadlineCalculator(ICityCatalog catalog) : IDeadlineCalculator
{
    public ValueTask<DateTimeOffset> CalculateAsync(DeadlineRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var calendar = catalog.Current.Calendar;
        var days = request.Duration.Days;
        var budget = (days * calendar.StandardWorkingDay) + (request.Duration - TimeSpan.FromDays(days));
        if (budget <= TimeSpan.Zero)
        {
            return ValueTask.FromResult(request.From);
        }

        var limit = new TimeLimit((decimal)budget.TotalMinutes, TimeUnit.WorkingMinutes);
        var calculator = new DeadlineCalculator(calendar, MissingYearPolicy.AssumeWeekdaysOnly);
        return ValueTask.FromResult(calculator.Deadline(request.From, limit).Due);
    }
}
