using System.Globalization;
using CityOps.Cases.Calendar;
using FluentValidation;

namespace CityOps.CaseApi.Endpoints;

public sealed record PeriodDto(string? Start, string? End);

public sealed record HolidayDto(string? NameZh, string? NameEn, string? From, string? To);

public sealed record CalendarYearRequest(string? Status, List<HolidayDto>? Holidays, List<string>? AdjustedWorkdays, List<string>? SourceNotes);

public sealed record WorkingHoursRequest(string? TimeZone, string? StandardDay, Dictionary<string, List<PeriodDto>>? Weekdays);

public sealed record CalendarYearView(int Year, string Status, bool HasData, IReadOnlyList<HolidayDto> Holidays, IReadOnlyList<string> AdjustedWorkdays, IReadOnlyList<string> SourceNotes);

public sealed record CalendarView(
    string TimeZone, string StandardDay, decimal StandardDayHours, IReadOnlyDictionary<string, IReadOnlyList<PeriodDto>> Weekdays,
    IReadOnlyList<CalendarYearView> Years, IReadOnlyList<int> YearsWithData, string MissingYears);

public sealed record DeadlineView(
    DateTimeOffset Start, DateTimeOffset Due, decimal Amount, string Unit, string Clock, double BudgetMinutes, IReadOnlyList<int> AssumedYears, bool IsAssumption, string? Warning);

internal static class CalendarText
{
    public static bool IsDate(string? text) => TryDate(text, out _);

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Time(TimeOnly t) => t.ToString("HH:mm", CultureInfo.InvariantCulture);
}

internal sealed class CalendarYearValidator : AbstractValidator<CalendarYearRequest>
{
    public CalendarYearValidator(int year)
    {
        RuleFor(r => r.Status).NotEmpty().WithMessage("Required: official, local or unpublished.")
            .IsEnumName(typeof(YearDataStatus), caseSensitive: false).When(r => !string.IsNullOrEmpty(r.Status), ApplyConditionTo.CurrentValidator).WithMessage("Use official, local or unpublished.");
        RuleForEach(r => r.Holidays).ChildRules(h =>
        {
            h.RuleFor(x => x.NameZh).NotEmpty().WithMessage("Required: the holiday's Chinese name, e.g. 国庆节.").MaximumLength(50);
            h.RuleFor(x => x.From).Must(CalendarText.IsDate).WithMessage("A date as yyyy-MM-dd.")
                .Must(d => InYear(d, year)).When(x => CalendarText.IsDate(x.From), ApplyConditionTo.CurrentValidator).WithMessage($"Must be in {year}.");
            h.RuleFor(x => x.To).Must(CalendarText.IsDate).WithMessage("A date as yyyy-MM-dd.")
                .Must(d => InYear(d, year)).When(x => CalendarText.IsDate(x.To), ApplyConditionTo.CurrentValidator).WithMessage($"Must be in {year}.")
                .Must((x, to) => string.CompareOrdinal(x.From, to) <= 0).When(x => CalendarText.IsDate(x.From) && CalendarText.IsDate(x.To), ApplyConditionTo.CurrentValidator)
                .WithMessage("Must not be before from.");
        });
        RuleForEach(r => r.AdjustedWorkdays)
            .Must(CalendarText.IsDate).WithMessage("A date as yyyy-MM-dd.")
            .Must(d => !CalendarText.IsDate(d) || InYear(d, year)).WithMessage($"Must be in {year}.")
            .Must((r, d) => !CalendarText.IsDate(d) || !HolidayDates(r).Contains(d!))
            .WithMessage((_, d) => $"{d} is also inside a holiday; a date is either a holiday or an adjusted working day (调休).");
        RuleForEach(r => r.SourceNotes).MaximumLength(2000);
    }

    private static bool InYear(string? text, int year) => CalendarText.TryDate(text, out var d) && d.Year == year;

    private static HashSet<string> HolidayDates(CalendarYearRequest r) =>
        [.. (r.Holidays ?? []).Where(h => CalendarText.TryDate(h.From, out _) && CalendarText.TryDate(h.To, out _))
            .SelectMany(h => new HolidayRange("", "", DateOnly.ParseExact(h.From!, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(h.To!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Dates())
            .Select(CalendarText.Date)];
}

internal sealed class WorkingHoursValidator : AbstractValidator<WorkingHoursRequest>
{
    public WorkingHoursValidator()
    {
        RuleFor(r => r.TimeZone).Must(z => TimeZoneInfo.TryFindSystemTimeZoneById(z!, out _)).When(r => r.TimeZone is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"Unknown time zone '{r.TimeZone}'; use an IANA id such as Asia/Shanghai.");
        RuleFor(r => r.StandardDay).NotEmpty().WithMessage("Required: the weekday whose hours adjusted working days (调休) use, e.g. Monday.")
            .IsEnumName(typeof(DayOfWeek), caseSensitive: false).When(r => !string.IsNullOrEmpty(r.StandardDay), ApplyConditionTo.CurrentValidator).WithMessage("A weekday name, e.g. Monday.");
        RuleFor(r => r.Weekdays).NotNull().WithMessage("Required: periods per weekday, e.g. {\"Monday\":[{\"start\":\"08:30\",\"end\":\"12:00\"}]}.")
            .Custom((days, ctx) =>
            {
                foreach (var (day, periods) in days ?? [])
                {
                    if (!Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out _) || int.TryParse(day, out _))
                    {
                        ctx.AddFailure($"weekdays.{day}", $"'{day}' is not a weekday name.");
                        continue;
                    }

                    var parsed = new List<(TimeOnly Start, TimeOnly End)>();
                    for (var i = 0; i < periods.Count; i++)
                    {
                        var ok = CalendarText.TryTime(periods[i].Start, out var s) & CalendarText.TryTime(periods[i].End, out var e);
                        if (!ok || e <= s)
                        {
                            ctx.AddFailure($"weekdays.{day}[{i}]", ok ? "end must be after start." : "start and end as HH:mm, e.g. 08:30.");
                            continue;
                        }

                        parsed.Add((s, e));
                    }

                    var sorted = parsed.OrderBy(p => p.Start).ToList();
                    if (sorted.Zip(sorted.Skip(1)).Any(p => p.Second.Start < p.First.End))
                    {
                        ctx.AddFailure($"weekdays.{day}", "Periods overlap.");
                    }
                }
            });
        RuleFor(r => r.StandardDay)
            .Must((r, day) => (r.Weekdays ?? []).Any(d => string.Equals(d.Key, day, StringComparison.OrdinalIgnoreCase) && d.Value.Count > 0))
            .When(r => Enum.TryParse<DayOfWeek>(r.StandardDay, ignoreCase: true, out _) && r.Weekdays is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"{r.StandardDay} has no working periods; one working day is its length, so it needs some.");
    }
}
