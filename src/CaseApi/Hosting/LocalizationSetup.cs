using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace CityOps.CaseApi.Hosting;

/// <summary>zh-CN is the default language, en the alternative; the choice is kept in the culture cookie.</summary>
internal static class LocalizationSetup
{
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    public static WebApplicationBuilder AddCityOpsLocalization(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(SupportedCultures[0]).AddSupportedCultures(SupportedCultures).AddSupportedUICultures(SupportedCultures);
            // The cookie decides; the browser's Accept-Language does not, so a Chinese centre sees Chinese by default.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseCityOpsLocalization(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }

    /// <summary><c>GET /culture/set?culture=en&amp;redirectUri=/</c>: remembers the language and goes back.</summary>
    public static void MapCultureEndpoint(this WebApplication app) =>
        app.MapGet("/culture/set", (string culture, string? redirectUri, HttpContext http) =>
        {
            if (!SupportedCultures.Contains(culture, StringComparer.OrdinalIgnoreCase))
            {
                return Results.Problem(
                    title: "Unsupported language",
                    detail: $"culture '{culture}' is not one of: {string.Join(", ", SupportedCultures)}.",
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["culture"] = [$"Use one of {string.Join(", ", SupportedCultures)}."] } });
            }

            var value = CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(CultureInfo.GetCultureInfo(culture)));
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName, value,
                new CookieOptions { Expires = DateTimeOffset.MaxValue, IsEssential = true, SameSite = SameSiteMode.Lax });
            var target = string.IsNullOrEmpty(redirectUri) || !Uri.IsWellFormedUriString(redirectUri, UriKind.Relative) || redirectUri.StartsWith("//", StringComparison.Ordinal)
                ? "/"
                : redirectUri;
            return Results.LocalRedirect(target);
        }).ExcludeFromDescription();
}
