using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace CityOps.CaseApi.Identity;

/// <summary>Sign-in for API clients (<c>/api/auth</c>, bearer tokens) and for the UI (<c>/account</c>, cookie).</summary>
internal static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags("Authentication");
        api.MapPost("/token", IssueToken).AllowAnonymous()
            .WithSummary("Exchange a user name and password for a bearer token (send it as `Authorization: Bearer <accessToken>`).");
        api.MapGet("/me", Me).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Who the caller is: user name, display name, roles and department.");

        var ui = app.MapGroup("/account").ExcludeFromDescription();
        ui.MapPost("/login", CookieSignIn).AllowAnonymous();
        ui.MapPost("/logout", (Delegate)CookieSignOut);
    }

    public sealed record TokenRequest(string? UserName, string? Password);

    public sealed record Caller(string UserName, string DisplayName, IReadOnlyList<string> Roles, string? DepartmentCode);

    private static async Task<Results<SignInHttpResult, ValidationProblem, ProblemHttpResult>> IssueToken(
        TokenRequest request, UserDirectory users, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.UserName))
        {
            errors["userName"] = ["Required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var principal = await users.SignInAsync(request.UserName!, request.Password!, AuthSetup.BearerScheme, cancellationToken);
        return principal is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "The user name or password is wrong, or the account is disabled.")
            : TypedResults.SignIn(principal, authenticationScheme: AuthSetup.BearerScheme);
    }

    private static Ok<Caller> Me(ClaimsPrincipal user) =>
        TypedResults.Ok(new Caller(user.UserNameOf(), user.FindFirstValue(CityOpsClaims.DisplayName) ?? user.UserNameOf(), user.RolesOf(), user.DepartmentOf()));

    private static async Task<RedirectHttpResult> CookieSignIn(
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl, HttpContext http, UserDirectory users, CancellationToken cancellationToken)
    {
        var target = SafeLocal(returnUrl);
        var principal = string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password)
            ? null
            : await users.SignInAsync(userName, password, AuthSetup.CookieScheme, cancellationToken);
        if (principal is null)
        {
            return TypedResults.LocalRedirect($"/account/login?error=1&returnUrl={Uri.EscapeDataString(target)}");
        }

        await http.SignInAsync(AuthSetup.CookieScheme, principal);
        return TypedResults.LocalRedirect(target);
    }

    private static async Task<RedirectHttpResult> CookieSignOut(HttpContext http)
    {
        await http.SignOutAsync(AuthSetup.CookieScheme);
        return TypedResults.LocalRedirect("/account/login");
    }

    private static string SafeLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal)
            ? url
            : "/";
}
