using CityOps.Cases.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace CityOps.CaseApi.Identity;

/// <summary>
/// Cookies for the UI, bearer tokens for API clients, chosen per request: a request with an
/// <c>Authorization: Bearer</c> header is a token request, anything else uses the cookie. API paths answer 401/403
/// as ProblemDetails instead of redirecting to the sign-in page.
/// </summary>
internal static class AuthSetup
{
    public const string Scheme = "CityOps";
    public const string CookieScheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string BearerScheme = BearerTokenDefaults.AuthenticationScheme;

    public static WebApplicationBuilder AddCityOpsAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<IdentityOptions>().BindConfiguration(IdentityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<UserDirectory>();
        builder.Services.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        builder.Services.AddMemoryCache();
        builder.Services.AddScoped<IClaimsTransformation, AccountRefresh>();
        builder.Services.AddHostedService<DemoUserSeeder>();

        builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Cookie or bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? BearerScheme : CookieScheme)
            .AddCookie(CookieScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.Cookie.Name = "cityops.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(10); // one shift
                o.SlidingExpiration = true;
                o.Events.OnRedirectToLogin = ctx => ApiAware(ctx.HttpContext, StatusCodes.Status401Unauthorized, () => ctx.Response.Redirect(ctx.RedirectUri));
                o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx.HttpContext, StatusCodes.Status403Forbidden, () => ctx.Response.Redirect(ctx.RedirectUri));
            })
            .AddBearerToken(BearerScheme, o => o.BearerTokenExpiration = TimeSpan.FromHours(8));

        // After BearerTokenConfigureOptions has set the Data Protection protector: keep tokens already unprotected.
        builder.Services.AddOptions<BearerTokenOptions>(BearerScheme)
            .PostConfigure<TimeProvider>((o, time) => o.BearerTokenProtector = new BearerTicketCache(o.BearerTokenProtector, time));

        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// Authentication plus one rule: a valid cookie or token whose account was disabled (see <see cref="AccountRefresh"/>)
    /// counts as no credentials, so the caller is challenged (401 / sign-in page) rather than forbidden.
    /// </summary>
    public static WebApplication UseCityOpsAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IAuthenticateResultFeature>() is { AuthenticateResult.Succeeded: true } feature
                && http.User.Identity?.IsAuthenticated != true)
            {
                feature.AuthenticateResult = AuthenticateResult.NoResult();
            }

            await next(http);
        });
        app.UseAuthorization();
        return app;
    }

    private static Task ApiAware(HttpContext http, int status, Action redirect)
    {
        if (http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.StatusCode = status;
            return Task.CompletedTask; // status-code pages turn the empty 401/403 into ProblemDetails
        }

        redirect();
        return Task.CompletedTask;
    }
}
