using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;

namespace CityOps.CaseApi.Tests.Hosting;

public sealed class AuthTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Token_DemoAccount_GivesABearerTokenThatIdentifiesTheCaller()
    {
        var client = await factory.CreateApiClientAsync("water");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);

        Assert.Equal("water", me.GetProperty("userName").GetString());
        Assert.Equal("CITY-WATER", me.GetProperty("departmentCode").GetString());
        Assert.Equal(["DepartmentHandler"], me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Token_WrongPassword_Is401WithoutSayingWhichPartWasWrong()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "admin", password = "nope-nope" }, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("The user name or password is wrong, or the account is disabled.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Token_MissingFields_Is400NamingEachField()
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = " " }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("userName", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task ApiWithoutCredentials_Is401ProblemDetails_NotARedirect()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UiPageWithoutSignIn_RedirectsToTheSignInPage()
    {
        var response = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location?.AbsolutePath ?? response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignInForm_WrongPassword_ReturnsToTheFormWithAnError()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await SignIn.PostLoginFormAsync(client, "leader", "wrong-password", "/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login?error=1&returnUrl=%2F", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignInForm_ForeignReturnUrl_LandsOnThisSite()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        var response = await SignIn.PostLoginFormAsync(client, "leader", SignIn.DemoPassword, "//evil.example/x");

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}

public sealed class ProductionProfileTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new() { Profile = "Production" };

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task ProductionProfile_SeedsNoDemoAccounts()
    {
        var response = await factory.CreateClient().PostAsJsonAsync(
            "/api/auth/token", new { userName = "admin", password = SignIn.DemoPassword }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}

public sealed class AccountChangeTests : IDisposable
{
    private readonly CityOpsApiFactory factory = new();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task DisablingAnAccount_EndsItsExistingTokenAtOnce()
    {
        var water = await factory.CreateApiClientAsync("water");
        var admin = await factory.CreateApiClientAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", TestContext.Current.CancellationToken)).StatusCode);

        (await admin.PostAsync("/api/catalog/people/water/disable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var afterDisable = await water.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);
        (await admin.PostAsync("/api/catalog/people/water/enable", null, TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
        var afterEnable = await water.GetAsync("/api/auth/me", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterEnable.StatusCode);
    }
}
