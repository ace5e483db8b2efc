using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CityOps.CaseApi.Tests.Cases;

public sealed class AccessAndInputTests : IDisposable
{
    private readonly CaseApp app = new();

    public void Dispose() => app.Dispose();

    private static CancellationToken Ct => CaseApp.Ct;

    private static async Task<JsonElement> ErrorsOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
    }

    [Fact]
    public async Task AnotherDepartment_Gets403_ForTheCaseAndItsTask()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        var task = (await app.TaskAsync("water", id))!.Value.GetProperty("id").GetString();

        var sanitation = await app.As("sanitation");
        Assert.Equal(HttpStatusCode.Forbidden, (await sanitation.GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sanitation.GetAsync($"/api/tasks/{task}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await sanitation.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Accept" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("water")).GetAsync($"/api/cases/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("inspector2")).GetAsync($"/api/cases/{id}", Ct)).StatusCode);

        var list = await sanitation.GetFromJsonAsync<JsonElement>("/api/cases", Ct);
        Assert.Equal(0, list.GetProperty("totalCount").GetInt32());
        var all = await (await app.As("auditor")).GetFromJsonAsync<JsonElement>("/api/cases?status=Dispatched&department=CITY-WATER&light=Green", Ct);
        Assert.Equal(1, all.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task RoleWithoutTheRight_Gets403()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("water")).PostAsJsonAsync("/api/cases", CaseApp.Report(), Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("auditor")).PostAsJsonAsync("/api/cases", CaseApp.Report(), Ct)).StatusCode);
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var task = (await app.TaskAsync("acceptor", id))!.Value.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("dispatcher")).PostAsync($"/api/tasks/{task}/claim", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task TwoSimultaneousCompletions_OneWins_TheOtherIs409()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var task = (await app.TaskAsync("acceptor", id))!.Value.GetProperty("id").GetString();
        var acceptor = await app.As("acceptor");
        var leader = await app.As("leader"); // a shift leader works the acceptors' queue too

        var responses = await Task.WhenAll(
            acceptor.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Register" }, Ct),
            leader.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Register" }, Ct));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).Order());
        Assert.Equal(3, (await app.TimelineAsync(id)).Length); // Report, one Register, AutoDispatch

        var replay = await acceptor.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Register" }, Ct);
        Assert.True(replay.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ClaimedByAnother_Is409()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var task = (await app.TaskAsync("acceptor", id))!.Value.GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await (await app.As("acceptor")).PostAsync($"/api/tasks/{task}/claim", null, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await (await app.As("leader")).PostAsync($"/api/tasks/{task}/claim", null, Ct)).StatusCode);
    }

    [Fact]
    public async Task MalformedReport_Is400_NamingEveryField()
    {
        var client = await app.As("inspector");
        var errors = await ErrorsOf(await client.PostAsJsonAsync("/api/cases", new { source = "Pigeon", kind = "matter", code = "99999" }, Ct));
        Assert.True(errors.TryGetProperty("source", out _));
        Assert.True(errors.TryGetProperty("code", out _));
        Assert.True(errors.TryGetProperty("description", out _));
        Assert.True(errors.TryGetProperty("location", out _));

        var outside = await ErrorsOf(await client.PostAsJsonAsync("/api/cases", CaseApp.Report(lat: 31.5, lon: 121.0), Ct));
        Assert.Contains("outside", outside.GetProperty("location")[0].GetString(), StringComparison.Ordinal);

        using var broken = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");
        Assert.True((await ErrorsOf(await client.PostAsync("/api/cases", broken, Ct))).TryGetProperty("body", out _));
        Assert.True((await ErrorsOf(await client.GetAsync("/api/cases?status=Nope&take=0", Ct))).TryGetProperty("status", out _));
    }

    [Fact]
    public async Task LegacyCode_IsResolved_AndAddressWithGridIsAccepted()
    {
        var report = new { source = "Inspector", kind = "matter", code = "0111", description = "道路积水", address = "湖滨路 1 号", gridCode = "330196002001001" };
        var created = await app.ReportAsync(report: report);
        Assert.Equal("0111", created.GetProperty("reportedCode").GetString());
        Assert.Equal(5, created.GetProperty("code").GetString()!.Length);
        Assert.Equal("330196002", created.GetProperty("streetCode").GetString());
    }

    [Fact]
    public async Task MalformedCompletion_Is400_WithFieldErrors()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var task = (await app.TaskAsync("acceptor", id))!.Value.GetProperty("id").GetString();
        var client = await app.As("acceptor");
        Assert.True((await ErrorsOf(await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { }, Ct))).TryGetProperty("outcome", out _));
        Assert.True((await ErrorsOf(await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Dance" }, Ct))).TryGetProperty("outcome", out _));
        Assert.True((await ErrorsOf(await client.PostAsJsonAsync($"/api/tasks/{task}/complete", new { outcome = "Register", form = 3 }, Ct))).TryGetProperty("form", out _));
        Assert.True((await ErrorsOf(await client.GetAsync("/api/tasks?take=500", Ct))).TryGetProperty("take", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/tasks/{Guid.NewGuid()}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/cases/{Guid.NewGuid()}", Ct)).StatusCode);
    }

    [Fact]
    public async Task Photos_MustBeImagesByTheirBytes_AndAtMost10MB_AndAreServedToReaders()
    {
        var client = await app.As("inspector");
        async Task<HttpResponseMessage> Upload(byte[] bytes, string name)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent("Inspector"), "source" }, { new StringContent("matter"), "kind" }, { new StringContent("01003"), "code" },
                { new StringContent("井盖"), "description" }, { new StringContent("30.27045"), "latitude" }, { new StringContent("120.1505"), "longitude" },
            };
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            content.Add(file, "photos", name);
            return await client.PostAsync("/api/cases", content, Ct);
        }

        Assert.True((await ErrorsOf(await Upload("GIF89a-not-allowed"u8.ToArray(), "x.jpg"))).TryGetProperty("photos", out _));
        Assert.True((await ErrorsOf(await Upload(CaseApp.Jpeg((10 * 1024 * 1024) + 1), "big.jpg"))).TryGetProperty("photos", out _));

        var ok = await Upload(CaseApp.Jpeg(), "ok.jpg");
        Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        var created = (await ok.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("case");
        var url = $"/api/cases/{created.GetProperty("id").GetString()}/photos/{created.GetProperty("photos")[0].GetString()}";
        var photo = await client.GetAsync(url, Ct);
        Assert.Equal("image/jpeg", photo.Content.Headers.ContentType?.MediaType);
        Assert.Equal(CaseApp.Jpeg(), await photo.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.As("sanitation")).GetAsync(url, Ct)).StatusCode);
    }
}
