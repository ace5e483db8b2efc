using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using CityOps.CaseApi.Identity;
using CityOps.CaseApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityOps.CaseApi.Tests.Hosting;

/// <summary>The cache of unprotected bearer tickets on its own, with a fake clock and a counting inner protector.</summary>
public sealed class BearerTicketCacheTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
    private readonly CountingFormat inner = new(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("bearer-cache-tests")));
    private readonly BearerTicketCache cache;

    public BearerTicketCacheTests() => cache = new BearerTicketCache(inner, clock);

    public void Dispose() => cache.Dispose();

    [Fact]
    public void Unprotect_SameTokenManyTimes_AsksTheInnerProtectorOnce()
    {
        var token = cache.Protect(Ticket("water", TimeSpan.FromHours(8)));

        var tickets = Enumerable.Range(0, 100).Select(_ => cache.Unprotect(token)).ToList();

        Assert.Equal(1, inner.Unprotects);
        Assert.All(tickets, t => Assert.Equal("water", t?.Principal.Identity?.Name));
        Assert.Equal(100, tickets.Distinct().Count()); // each caller gets its own copy
    }

    [Fact]
    public void Unprotect_CallerChangesItsTicket_NextCallerGetsTheTicketAsIssued()
    {
        var token = cache.Protect(Ticket("water", TimeSpan.FromHours(8)));
        var first = cache.Unprotect(token)!;

        ((ClaimsIdentity)first.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "SystemAdmin"));
        first.Properties.Items["x"] = "changed";
        var second = cache.Unprotect(token)!;

        Assert.False(second.Principal.IsInRole("SystemAdmin"));
        Assert.False(second.Properties.Items.ContainsKey("x"));
    }

    [Fact]
    public void Unprotect_AfterTheTicketExpired_DoesNotHandBackTheCachedTicket()
    {
        var token = cache.Protect(Ticket("water", TimeSpan.FromMinutes(2)));
        Assert.NotNull(cache.Unprotect(token));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(cache.Unprotect(token));
        Assert.Equal(1, inner.Unprotects);

        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = cache.Unprotect(token);

        Assert.Equal(2, inner.Unprotects); // checked again, not served from the cache
        Assert.True(expired?.Properties.ExpiresUtc <= clock.GetUtcNow()); // so the handler refuses it
        cache.Unprotect(token);
        Assert.Equal(3, inner.Unprotects); // an expired ticket is not cached
    }

    [Fact]
    public void Unprotect_LongLivedTicket_IsCheckedAgainAfterTheCacheLifetime()
    {
        var token = cache.Protect(Ticket("water", TimeSpan.FromHours(8)));
        cache.Unprotect(token);

        clock.Advance(BearerTicketCache.Lifetime - TimeSpan.FromSeconds(1));
        cache.Unprotect(token);
        Assert.Equal(1, inner.Unprotects);
        clock.Advance(TimeSpan.FromSeconds(1));
        cache.Unprotect(token);

        Assert.Equal(2, inner.Unprotects);
    }

    [Fact]
    public void Unprotect_TamperedToken_IsRefusedEveryTimeAndNotCached()
    {
        var token = cache.Protect(Ticket("water", TimeSpan.FromHours(8)));
        Assert.NotNull(cache.Unprotect(token));
        var tampered = Tamper(token);

        var results = Enumerable.Range(0, 3).Select(_ => cache.Unprotect(tampered)).ToList();

        Assert.All(results, Assert.Null);
        Assert.Equal(4, inner.Unprotects);
        Assert.NotNull(cache.Unprotect(token));
        Assert.Equal(4, inner.Unprotects);
    }

    [Fact]
    public void Protect_PassesStraightThrough()
    {
        var ticket = Ticket("water", TimeSpan.FromHours(8));

        var token = cache.Protect(ticket);

        Assert.Equal(1, inner.Protects);
        Assert.Equal("water", inner.Inner.Unprotect(token)?.Principal.Identity?.Name);
    }

    internal static string Tamper(string token)
    {
        var i = token.Length / 2;
        return string.Concat(token.AsSpan(0, i), token[i] == 'A' ? "B" : "A", token.AsSpan(i + 1));
    }

    private AuthenticationTicket Ticket(string userName, TimeSpan lifetime) => new(
        new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, userName)], BearerTokenDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role)),
        new AuthenticationProperties { ExpiresUtc = clock.GetUtcNow() + lifetime },
        "BearerToken:AccessToken");

    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
    {
        public ISecureDataFormat<AuthenticationTicket> Inner => inner;

        public int Protects { get; private set; }

        public int Unprotects { get; private set; }

        public string Protect(AuthenticationTicket data) => Protect(data, null);

        public string Protect(AuthenticationTicket data, string? purpose)
        {
            Protects++;
            return inner.Protect(data, purpose);
        }

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Unprotects++;
            return inner.Unprotect(protectedText, purpose);
        }
    }
}

/// <summary>
/// Bearer tokens through the real host over HTTP, counting how often Data Protection unprotects an access token.
/// </summary>
public sealed class BearerTicketCacheHostTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 1, 0, 0, TimeSpan.Zero));
    private readonly CountingDataProtection counter = new();
    private readonly CityOpsApiFactory root;
    private readonly WebApplicationFactory<Program> factory;

    public BearerTicketCacheHostTests()
    {
        root = new CityOpsApiFactory { Time = clock };
        factory = root.WithWebHostBuilder(b => b.ConfigureTestServices(counter.Decorate));
    }

    public void Dispose() => root.Dispose();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void BearerProtector_IsTheCacheAroundTheDataProtectionFormat()
    {
        var options = factory.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(AuthSetup.BearerScheme);

        var cache = Assert.IsType<BearerTicketCache>(options.BearerTokenProtector);
        Assert.IsType<TicketDataFormat>(cache.Inner);
        Assert.IsNotType<BearerTicketCache>(options.RefreshTokenProtector);
    }

    [Fact]
    public async Task SameToken_ManyRequests_AllSucceedAndTheTokenIsUnprotectedOnce()
    {
        var water = Client(await TokenAsync("water"));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await water.GetAsync("/api/auth/me", Ct)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(1, counter.AccessTokenUnprotects);
        var me = await water.GetFromJsonAsync<JsonElement>("/api/auth/me", Ct);
        Assert.Equal("water", me.GetProperty("userName").GetString());
    }

    [Fact]
    public async Task CachedToken_AfterItExpires_Is401()
    {
        var water = Client(await TokenAsync("water"));
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", Ct)).StatusCode);

        clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(3)); // the cache entry has lapsed; the token has not
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", Ct)).StatusCode);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", Ct)).StatusCode); // cached, expiring in 1 minute
        Assert.Equal(2, counter.AccessTokenUnprotects);
        clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await water.GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
    }

    [Fact]
    public async Task TamperedToken_Is401EveryTime_AndIsCheckedEveryTime()
    {
        var token = await TokenAsync("water");
        Assert.Equal(HttpStatusCode.OK, (await Client(token).GetAsync("/api/auth/me", Ct)).StatusCode);
        var forged = Client(BearerTicketCacheTests.Tamper(token));

        var first = await forged.GetAsync("/api/auth/me", Ct);
        var second = await forged.GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(3, counter.AccessTokenUnprotects);
    }

    [Fact]
    public async Task DisablingAnAccount_RefusesItsCachedTokenAtOnce()
    {
        var water = Client(await TokenAsync("water"));
        var admin = Client(await TokenAsync("admin"));
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await water.GetAsync("/api/auth/me", Ct)).StatusCode);

        (await admin.PostAsync("/api/catalog/people/water/disable", null, Ct)).EnsureSuccessStatusCode();
        var afterDisable = await water.GetAsync("/api/auth/me", Ct);
        (await admin.PostAsync("/api/catalog/people/water/enable", null, Ct)).EnsureSuccessStatusCode();
        var afterEnable = await water.GetAsync("/api/auth/me", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterEnable.StatusCode);
        Assert.Equal(2, counter.AccessTokenUnprotects); // water's token and admin's, each once: the refusal came from the cache
    }

    private async Task<string> TokenAsync(string userName)
    {
        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password = SignIn.DemoPassword }, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString()!;
    }

    private HttpClient Client(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Wraps the host's Data Protection provider and counts unprotects by the bearer scheme's access-token protector.</summary>
    private sealed class CountingDataProtection
    {
        private int accessTokenUnprotects;

        public int AccessTokenUnprotects => Volatile.Read(ref accessTokenUnprotects);

        public void Decorate(IServiceCollection services)
        {
            var original = services.Last(d => d.ServiceType == typeof(IDataProtectionProvider));
            services.Remove(original);
            services.AddSingleton<IDataProtectionProvider>(sp => new Provider(Create(original, sp), this));
        }

        private static IDataProtectionProvider Create(ServiceDescriptor d, IServiceProvider sp) =>
            (IDataProtectionProvider)(d.ImplementationInstance
                ?? d.ImplementationFactory?.Invoke(sp)
                ?? ActivatorUtilities.CreateInstance(sp, d.ImplementationType!));

        private sealed class Provider(IDataProtectionProvider inner, CountingDataProtection counter) : IDataProtectionProvider
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), [purpose], counter);
        }

        private sealed class Protector(IDataProtector inner, string[] purposes, CountingDataProtection counter) : IDataProtector
        {
            public IDataProtector CreateProtector(string purpose) => new Protector(inner.CreateProtector(purpose), [.. purposes, purpose], counter);

            public byte[] Protect(byte[] plaintext) => inner.Protect(plaintext);

            public byte[] Unprotect(byte[] protectedData)
            {
                if (purposes is ["Microsoft.AspNetCore.Authentication.BearerToken", AuthSetup.BearerScheme, "BearerToken"])
                {
                    Interlocked.Increment(ref counter.accessTokenUnprotects);
                }

                return inner.Unprotect(protectedData);
            }
        }
    }
}
