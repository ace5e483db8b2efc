using System.Security.Claims;
using System.Text.Json;
using CityOps.Designer.Services;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CityOps.CaseApi.Ui;

/// <summary>
/// Runs an endpoint's own handler for the person signed in to this circuit, in a fresh DI scope (a circuit lives for
/// hours; a DbContext must not), and reads its result the way an API client would: the value through the API's JSON,
/// or the ProblemDetails. So a page can do nothing the API refuses, and is refused with the same words.
/// </summary>
internal sealed class UiHandlers(AuthenticationStateProvider authentication, IServiceScopeFactory scopes)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<OpsResult<T>> RunAsync<T>(Func<IServiceProvider, ClaimsPrincipal, Task<IResult>> handler)
    {
        var user = await UserAsync();
        if (user.Identity?.IsAuthenticated != true)
        {
            return OpsResult.Failure<T>(OpsProblem.Of(401, "Sign in first."));
        }

        await using var scope = scopes.CreateAsyncScope();
        return Read<T>(await handler(scope.ServiceProvider, user));
    }

    public async Task<T> ReadAsync<T>(Func<IServiceProvider, T> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        return read(scope.ServiceProvider);
    }

    internal static OpsResult<T> Read<T>(IResult result)
    {
        while (result is INestedHttpResult nested)
        {
            result = nested.Result;
        }

        var status = (result as IStatusCodeHttpResult)?.StatusCode ?? 200;
        if (status >= 400)
        {
            return OpsResult.Failure<T>(Problem(result, status));
        }

        var value = (result as IValueHttpResult)?.Value;
        if (value is null)
        {
            return typeof(T) == typeof(bool) ? OpsResult.Success<T>((T)(object)true) : OpsResult.Failure<T>(OpsProblem.Of(500, "Empty answer."));
        }

        return OpsResult.Success<T>(value is T same ? same : JsonSerializer.Deserialize<T>(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), UiJson.Options), UiJson.Options)!);
    }

    private static OpsProblem Problem(IResult result, int status)
    {
        ProblemDetails? details = result switch
        {
            ProblemHttpResult p => p.ProblemDetails,
            ValidationProblem v => v.ProblemDetails,
            _ => null,
        };
        var errors = details is HttpValidationProblemDetails v2 ? v2.Errors : new Dictionary<string, string[]>();
        var title = details?.Title ?? status switch { 403 => "Forbidden", 404 => "Not found", 409 => "Conflict", _ => "The request failed" };
        return new OpsProblem(status, title, details?.Detail, new Dictionary<string, string[]>(errors, StringComparer.Ordinal));
    }
}

/// <summary>The API's JSON spelling (web defaults, enums as text).</summary>
internal static class UiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerOptions.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };
}
