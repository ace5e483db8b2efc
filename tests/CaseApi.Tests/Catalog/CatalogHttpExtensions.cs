using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.CaseApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CityOps.CaseApi.Tests.Catalog;

/// <summary>Small helpers for reading catalog responses.</summary>
internal static class CatalogHttpExtensions
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url, HttpStatusCode expected = HttpStatusCode.OK) =>
        await (await client.GetAsync(url, Ct)).JsonAsync(expected);

    /// <summary>Asserts a 400 ValidationProblem and returns its field → messages map.</summary>
    public static async Task<Dictionary<string, string[]>> FieldErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(m => m.GetString()!).ToArray());
    }

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Ct);

    public static Task<HttpResponseMessage> SendRawAsync(this HttpClient client, HttpMethod method, string url, string json) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") }, Ct);

    /// <summary>A bearer-token client on any host built from the factory (e.g. a second node via WithWebHostBuilder).</summary>
    public static async Task<HttpClient> CreateNodeClientAsync(this WebApplicationFactory<Program> node, string userName)
    {
        var client = node.CreateClient();
        var token = await (await client.PostAsJsonAsync("/api/auth/token", new { userName, password = SignIn.DemoPassword }, Ct)).JsonAsync(HttpStatusCode.OK);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Str("accessToken"));
        return client;
    }

    public static string Str(this JsonElement e, string property) => e.GetProperty(property).GetString()!;
}
