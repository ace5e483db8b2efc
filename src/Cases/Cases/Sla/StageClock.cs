using CityOps.Cases.Calendar;
using CityOps.Cases.Sla;

namespace CityOps.Cases.Cases.Sla;

/// <summary>Pure stage-clock arithmetic: the effective limit (with extensions), the deadline and the light.</summary>
public static class StageClock
{
    /// <summary>The stage's limit plus its granted extensions, as minutes on the limit's own clock.</summary>
    public static TimeLimit Effective(CaseStage stage, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(calendar);
        if (stage.ExtensionMinutes == 0)
        {
            return stage.Limit;
        }

        var minutes = (decimal)stage.Limit.Budget(calendar.StandardWorkingDay).TotalMinutes + stage.ExtensionMinutes;
        return new TimeLimit(minutes, stage.Limit.RunsOnWorkingCalendar ? TimeUnit.WorkingMinutes : TimeUnit.NaturalMinutes);
    }

    /// <summary>Suspended intervals of a case; an open one counts until <paramref name="now"/>.</summary>
    public static IReadOnlyList<SuspensionInterval> Suspensions(CityCase @case, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return [.. @case.Suspensions.OrderBy(s => s.From).Select(s => new SuspensionInterval(s.From, s.To ?? (now > s.From ? now : s.From)))];
    }

    public static DateTimeOffset Due(CaseStage stage, IReadOnlyList<SuspensionInterval> suspensions, DeadlineCalculator calculator)
    {
        ArgumentNullException.ThrowIfNull(calculator);
        return calculator.Deadline(stage.StartedAt, Effective(stage, calculator.Calendar), suspensions).Due;
    }

    /// <summary>The light of a stage now, or as it was when the stage completed.</summary>
    public static SlaStatus Evaluate(
        CaseStage stage, IReadOnlyList<SuspensionInterval> suspensions, DateTimeOffset now, DeadlineCalculator calculator, SlaThresholds? thresholds = null)
    {
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(calculator);
        var at = stage.CompletedAt ?? now;
        return new SlaLightCalculator(calculator, thresholds).Evaluate(stage.StartedAt, Effective(stage, calculator.Calendar), at, suspensions);
    }
}
