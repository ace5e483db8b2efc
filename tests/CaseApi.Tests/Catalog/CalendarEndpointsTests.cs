using System.Net;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Catalog;

public sealed class CalendarEndpointsTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    private static string Deadline(string start, string amount, string unit, bool? assume = null) =>
        $"/api/calendar/deadline?start={Uri.EscapeDataString(start)}&amount={amount}&unit={unit}" + (assume is null ? "" : $"&assumeWeekdays={assume.Value.ToString().ToLowerInvariant()}");

    [Theory]
    [InlineData("2026-05-06T11:00:00+08:00", "2", "working_hours", "2026-05-06T14:30:00+08:00")] // lunch 12:00–13:30 skipped
    [InlineData("2026-05-15T16:30:00+08:00", "2", "working_hours", "2026-05-18T09:30:00+08:00")] // Friday → Monday
    [InlineData("2026-09-30T17:00:00+08:00", "1", "working_hours", "2026-10-08T09:00:00+08:00")] // 国庆节 1–7 October
    [InlineData("2026-10-09T17:00:00+08:00", "1", "working_hours", "2026-10-10T09:00:00+08:00")] // Saturday 10 October is 调休
    [InlineData("2026-05-06T03:00:00Z", "2", "natural_hours", "2026-05-06T13:00:00+08:00")] // natural time, answered in +08:00
    public async Task Deadline_OnThe2026Calendar_IsAnInstantWithTheChinaOffset(string start, string amount, string unit, string due)
    {
        var client = await factory.CreateApiClientAsync("acceptor");

        var result = await client.GetJsonAsync(Deadline(start, amount, unit));

        Assert.Equal(due, result.Str("due"));
        Assert.False(result.GetProperty("isAssumption").GetBoolean());
    }

    [Fact]
    public async Task Deadline_Reaching2027_Is422NamingTheYear()
    {
        var client = await factory.CreateApiClientAsync("acceptor");

        var problem = await client.GetJsonAsync(Deadline("2026-12-31T17:00:00+08:00", "1", "working_days"), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(2027, problem.GetProperty("year").GetInt32());
        Assert.Contains("no holidays or adjusted working days", problem.Str("detail"), StringComparison.Ordinal);
        Assert.Contains("assumeWeekdays=true", problem.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deadline_Reaching2027WithAssumeWeekdays_SaysWhichYearWasAssumed()
    {
        var client = await factory.CreateApiClientAsync("acceptor");

        var result = await client.GetJsonAsync(Deadline("2026-12-31T17:00:00+08:00", "1", "working_days", assume: true));

        Assert.Equal("2027-01-01T17:00:00+08:00", result.Str("due"));
        Assert.Equal([2027], result.GetProperty("assumedYears").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Contains("2027", result.Str("warning"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calendar_Lists2026AndSays2027HasNoData()
    {
        var client = await factory.CreateApiClientAsync("acceptor");

        var calendar = await client.GetJsonAsync("/api/catalog/calendar");
        var missing = await client.GetJsonAsync("/api/catalog/calendar/years/2027", HttpStatusCode.NotFound);

        Assert.Equal([2026], calendar.GetProperty("yearsWithData").EnumerateArray().Select(y => y.GetInt32()));
        Assert.Equal(7.5m, calendar.GetProperty("standardDayHours").GetDecimal());
        Assert.Equal("official", calendar.GetProperty("years")[0].Str("status"));
        Assert.Contains("no calendar data for 2027", missing.Str("detail"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutYear_2027_MakesDeadlinesIn2027Computable()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var year = await (await admin.PutJsonAsync("/api/catalog/calendar/years/2027", new
        {
            status = "local",
            holidays = new[] { new { nameZh = "元旦", nameEn = "New Year's Day", from = "2027-01-01", to = "2027-01-03" } },
            adjustedWorkdays = Array.Empty<string>(),
            sourceNotes = new[] { "Entered locally for the test" },
        })).JsonAsync(HttpStatusCode.OK);
        var result = await admin.GetJsonAsync(Deadline("2026-12-31T17:00:00+08:00", "1", "working_days"));

        Assert.True(year.GetProperty("hasData").GetBoolean());
        Assert.Equal("2027-01-04T17:00:00+08:00", result.Str("due")); // 1–3 January off
    }

    [Fact]
    public async Task PutHours_SummerHours_MoveTheDeadline()
    {
        var admin = await factory.CreateApiClientAsync("admin");
        var day = new[] { new { start = "08:00", end = "12:00" }, new { start = "14:00", end = "18:00" } };

        var calendar = await (await admin.PutJsonAsync("/api/catalog/calendar/hours", new
        {
            standardDay = "Monday",
            weekdays = new Dictionary<string, object> { ["Monday"] = day, ["Tuesday"] = day, ["Wednesday"] = day, ["Thursday"] = day, ["Friday"] = day },
        })).JsonAsync(HttpStatusCode.OK);
        var result = await admin.GetJsonAsync(Deadline("2026-05-06T11:00:00+08:00", "2", "working_hours"));

        Assert.Equal(8m, calendar.GetProperty("standardDayHours").GetDecimal());
        Assert.Equal("2026-05-06T15:00:00+08:00", result.Str("due"));
    }

    [Fact]
    public async Task MalformedInput_Is400WithFieldErrors()
    {
        var admin = await factory.CreateApiClientAsync("admin");

        var deadline = await (await admin.GetAsync("/api/calendar/deadline?start=2026-05-06T11:00:00&amount=-1&unit=weeks&assumeWeekdays=maybe", CatalogHttpExtensions.Ct)).FieldErrorsAsync();
        var year = await (await admin.PutJsonAsync("/api/catalog/calendar/years/2027", new
        {
            status = "rumoured",
            holidays = new[] { new { nameZh = "", nameEn = "", from = "2026-12-31", to = "2027-13-01" } },
            adjustedWorkdays = new[] { "2027-02-30" },
        })).FieldErrorsAsync();
        var hours = await (await admin.PutJsonAsync("/api/catalog/calendar/hours", new
        {
            standardDay = "Funday",
            weekdays = new Dictionary<string, object> { ["Monday"] = new[] { new { start = "12:00", end = "08:00" } } },
        })).FieldErrorsAsync();

        Assert.Equal(["amount", "assumeWeekdays", "start", "unit"], deadline.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["adjustedWorkdays[0]", "holidays[0].from", "holidays[0].nameZh", "holidays[0].to", "status"], year.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("standardDay", hours.Keys);
        Assert.Contains("weekdays.monday[0]", hours.Keys);
    }

    [Fact]
    public async Task PutYear_AsNonAdministrator_Is403()
    {
        var leader = await factory.CreateApiClientAsync("leader");

        var response = await leader.PutJsonAsync("/api/catalog/calendar/years/2027", new { status = "official" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Deadline_WithoutCredentials_Is401()
    {
        var response = await factory.CreateClient().GetAsync(Deadline("2026-05-06T11:00:00+08:00", "2", "working_hours"), CatalogHttpExtensions.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
