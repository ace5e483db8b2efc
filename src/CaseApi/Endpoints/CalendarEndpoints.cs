using System.Globalization;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Calendar;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Sla;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// <c>/api/catalog/calendar</c> (working hours, holidays and 调休 per year) and <c>/api/calendar/deadline</c>. A year
/// without data is reported as such and never filled in silently.
/// </summary>
internal static partial class CalendarEndpoints
{
    public static void MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/calendar").WithTags("Catalog: calendar").WithCatalogConflicts();
        group.MapGet("/", Get).RequireAuthorization(Policies.SignedIn).WithName("GetCalendar")
            .WithSummary("Working hours per weekday and every year on record with its status; years not listed have no data.");
        group.MapGet("/years/{year:int}", GetYear).RequireAuthorization(Policies.SignedIn).WithName("GetCalendarYear")
            .WithSummary("One year's holidays and adjusted working days; 404 naming the year when there is no data for it.");
        group.MapPut("/years/{year:int}", PutYear).RequireAuthorization(Policies.Administer).Accepts<CalendarYearRequest>("application/json")
            .WithName("PutCalendarYear").WithSummary("Enter or replace a year's holidays and adjusted working days (status official, local or unpublished).");
        group.MapPut("/hours", PutHours).RequireAuthorization(Policies.Administer).Accepts<WorkingHoursRequest>("application/json")
            .WithName("PutWorkingHours").WithSummary("Replace the working periods per weekday and the standard day.");

        app.MapGet("/api/calendar/deadline", Deadline).WithTags("Catalog: calendar").RequireAuthorization(Policies.SignedIn).WithName("ComputeDeadline")
            .WithSummary("Deadline of a time limit from a start instant (ISO 8601 with offset), as an instant with +08:00. A year without calendar data is a 422 unless assumeWeekdays=true.");
    }

    private static Ok<CalendarView> Get(ICityCatalog catalog) => TypedResults.Ok(View(catalog.Current.Calendar));

    private static Results<Ok<CalendarYearView>, ProblemHttpResult> GetYear(int year, ICityCatalog catalog)
    {
        var calendar = catalog.Current.Calendar;
        var record = calendar.Definition.Years.FirstOrDefault(y => y.Year == year);
        return record is null
            ? CatalogHttp.NotFound("calendar-year-missing", $"There is no calendar data for {year}: its holidays and adjusted working days (调休) are not on record. " +
                $"Deadlines that reach {year} are refused unless assumeWeekdays=true. An administrator enters the year with PUT /api/catalog/calendar/years/{year} once the State Council publishes it.")
            : TypedResults.Ok(YearView(record));
    }

    private static async Task<Results<Ok<CalendarYearView>, ValidationProblem>> PutYear(
        int year, Body<CalendarYearRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100)
        {
            return CatalogHttp.Invalid("year", "A year from 2000 to 2100.");
        }

        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var result = new CalendarYearValidator(year).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var data = new CalendarYear(
            year, Enum.Parse<YearDataStatus>(request.Status!, ignoreCase: true),
            [.. (request.Holidays ?? []).Select(h => new HolidayRange(h.NameZh!, h.NameEn ?? "", Date(h.From!), Date(h.To!)))],
            [.. (request.AdjustedWorkdays ?? []).Select(Date).Distinct().Order()],
            [.. request.SourceNotes ?? []]);
        try
        {
            // The calendar's own checks (overlaps across years, dates filed under the wrong year) as a backstop.
            _ = new WorkingCalendar(city.Calendar.Definition with { Years = [.. city.Calendar.Definition.Years.Where(y => y.Year != year), data] });
        }
        catch (ArgumentException ex)
        {
            return CatalogHttp.Invalid("body", ex.Message);
        }

        var row = await editor.Db.Set<CalendarYearRecord>().FindAsync([year], cancellationToken);
        var fresh = CatalogSeeder.YearRecord(data, editor.Now);
        if (row is null)
        {
            editor.Db.Add(fresh);
        }
        else
        {
            editor.Db.Entry(row).CurrentValues.SetValues(fresh);
        }

        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(YearView(editor.Current.Calendar.Definition.Years.Single(y => y.Year == year)));
    }

    private static async Task<Results<Ok<CalendarView>, ValidationProblem>> PutHours(
        Body<WorkingHoursRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var result = new WorkingHoursValidator().Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var days = request.Weekdays!.ToDictionary(
            d => Enum.Parse<DayOfWeek>(d.Key, ignoreCase: true),
            d => (IReadOnlyList<WorkingPeriod>)[.. d.Value.Select(p => WorkingPeriod.Parse(p.Start!, p.End!))]);
        var hours = new WeeklyHours(days, Enum.Parse<DayOfWeek>(request.StandardDay!, ignoreCase: true));
        var city = await editor.BeginAsync(cancellationToken);
        var row = await editor.Db.Set<CalendarHoursRecord>().FindAsync([CalendarHoursRecord.SingletonId], cancellationToken);
        if (row is null)
        {
            row = new CalendarHoursRecord();
            editor.Db.Add(row);
        }

        row.TimeZoneId = request.TimeZone ?? city.Calendar.Definition.TimeZoneId;
        row.StandardDay = hours.StandardDay;
        row.Weekdays = CatalogJson.WriteWeekdays(hours.Days);
        row.UpdatedAt = editor.Now;
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(View(editor.Current.Calendar));
    }

    private static Results<Ok<DeadlineView>, ValidationProblem, ProblemHttpResult> Deadline(
        string? start, string? amount, string? unit, string? assumeWeekdays, ICityCatalog catalog)
    {
        var errors = new Dictionary<string, string[]>();
        var from = ParseInstant(start, errors);
        if (!decimal.TryParse(amount, NumberStyles.Number, CultureInfo.InvariantCulture, out var a) || a <= 0 || a > 10_000)
        {
            errors["amount"] = [amount is null ? "Required: how many units, e.g. 4." : "A number above 0 and at most 10000."];
        }

        if (!CatalogRules.IsUnit(unit))
        {
            errors["unit"] = [$"{(unit is null ? "Required" : $"Unknown unit '{unit}'")}: one of {CatalogRules.Units}."];
        }

        var assume = false;
        if (assumeWeekdays is not null && !bool.TryParse(assumeWeekdays, out assume))
        {
            errors["assumeWeekdays"] = ["true or false."];
        }

        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        var limit = new TimeLimit(a, TimeLimit.ParseUnit(unit!));
        var calculator = new DeadlineCalculator(catalog.Current.Calendar, assume ? MissingYearPolicy.AssumeWeekdaysOnly : MissingYearPolicy.Throw);
        try
        {
            var due = calculator.Deadline(from!.Value, limit);
            return TypedResults.Ok(new DeadlineView(
                calculator.Calendar.ToLocal(from.Value), due.Due, a, CatalogRules.UnitText(limit.Unit), limit.RunsOnWorkingCalendar ? "working" : "natural",
                due.Budget.TotalMinutes, due.AssumedYears, due.AssumedYears.Count > 0,
                due.AssumedYears.Count > 0
                    ? $"No calendar data for {string.Join(", ", due.AssumedYears)}: those years were counted as plain Monday–Friday weeks without holidays or 调休, so the deadline may be wrong."
                    : null));
        }
        catch (CalendarDataMissingException ex)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity, title: $"No calendar data for {ex.Year}", type: CatalogHttp.ProblemBase + "calendar-data-missing",
                detail: $"The deadline reaches {ex.Year}, for which the working calendar has no holidays or adjusted working days (调休) on record, so it cannot be computed. " +
                    "Enter the year (PUT /api/catalog/calendar/years/{year}) or repeat the request with assumeWeekdays=true to count it as plain Monday–Friday weeks.",
                extensions: new Dictionary<string, object?> { ["year"] = ex.Year });
        }
    }

    private static DateTimeOffset? ParseInstant(string? text, Dictionary<string, string[]> errors)
    {
        // An unescaped '+' in a query string arrives as a space: 2026-05-08T16:00:00 08:00.
        var t = text is null ? null : SpacedOffset().Replace(text.Trim(), "+$1");
        if (t is null || !ExplicitOffset().IsMatch(t)
            || !DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            errors["start"] = [text is null
                ? "Required: the start instant in ISO 8601 with an offset, e.g. 2026-05-08T16:00:00+08:00 (escape '+' as %2B)."
                : "An ISO 8601 instant with an explicit offset or Z, e.g. 2026-05-08T16:00:00+08:00."];
            return null;
        }

        return instant;
    }

    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static CalendarView View(WorkingCalendar calendar)
    {
        var hours = calendar.Definition.Hours;
        return new CalendarView(
            calendar.Definition.TimeZoneId, hours.StandardDay.ToString(), (decimal)hours.StandardDayLength.TotalHours,
            Enum.GetValues<DayOfWeek>().ToDictionary(d => d.ToString(),
                d => (IReadOnlyList<PeriodDto>)[.. hours.Days[d].Select(p => new PeriodDto(CalendarText.Time(p.Start), CalendarText.Time(p.End)))]),
            [.. calendar.Definition.Years.OrderBy(y => y.Year).Select(YearView)],
            calendar.YearsWithData,
            "A year not listed, or listed as unpublished, has no data: deadlines reaching it are refused unless the caller passes assumeWeekdays=true.");
    }

    private static CalendarYearView YearView(CalendarYear y) => new(
        y.Year, CatalogRules.Lower(y.Status), y.Status != YearDataStatus.Unpublished,
        [.. y.Holidays.Select(h => new HolidayDto(h.NameZh, h.NameEn, CalendarText.Date(h.From), CalendarText.Date(h.To)))],
        [.. y.AdjustedWorkdays.Select(CalendarText.Date)], y.SourceNotes);

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ExplicitOffset();

    [GeneratedRegex(@"(?<=T[\d:.]+) (\d{2}:?\d{2})$")]
    private static partial Regex SpacedOffset();
}
