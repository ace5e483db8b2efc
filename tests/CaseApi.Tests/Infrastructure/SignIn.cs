using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityOps.CaseApi.Tests.Infrastructure;

/// <summary>Signs in as one of the demo accounts (definitions/people/demo-users.json, password cityops-demo).</summary>
public static partial class SignIn
{
    public const string DemoPassword = "cityops-demo";

    /// <summary>An API client with a bearer token for <paramref name="userName"/>.</summary>
    public static async Task<HttpClient> CreateApiClientAsync(this CityOpsApiFactory factory, string userName)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A browser-like client (cookies, no auto-redirect) signed in through the sign-in form.</summary>
    public static async Task<HttpClient> CreateSignedInBrowserAsync(this CityOpsApiFactory factory, string userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginFormAsync(client, userName, DemoPassword, "/");
        if (response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: redirected to {response.Headers.Location}.");
        }

        return client;
    }

    /// <summary>Fetches the sign-in page for its antiforgery token and posts the form like a browser.</summary>
    public static async Task<HttpResponseMessage> PostLoginFormAsync(HttpClient client, string userName, string password, string returnUrl)
    {
        var page = await client.GetStringAsync("/account/login");
        var token = AntiforgeryField().Match(page).Groups[1].Value;
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["userName"] = userName,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
