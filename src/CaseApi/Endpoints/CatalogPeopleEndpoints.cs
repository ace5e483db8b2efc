using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using CityOps.Cases.People;
using CityOps.Cases.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// <c>/api/catalog/people</c>: accounts, administrators only. Passwords are hashed with the registered
/// <see cref="IPasswordHasher{TUser}"/>; hashes never leave the server. People are not part of the city snapshot,
/// so these writes do not move the catalog revision.
/// </summary>
internal static class CatalogPeopleEndpoints
{
    public static RouteGroupBuilder MapCatalogPeopleEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/people").WithTags("Catalog: people").RequireAuthorization(Policies.Administer).WithCatalogConflicts();
        group.MapGet("/", List).WithName("ListPeople").WithSummary("Every account (disabled ones too), without password hashes.");
        group.MapGet("/{userName}", Get).WithName("GetPerson").WithSummary("One account.");
        group.MapPost("/", Create).Accepts<PersonRequest>("application/json").WithName("CreatePerson")
            .WithSummary("Create an account with roles, department (required for department handlers) and an initial password.");
        group.MapPut("/{userName}", Update).Accepts<PersonRequest>("application/json").WithName("UpdatePerson")
            .WithSummary("Change display name, roles, department and area (user name and password stay).");
        group.MapPost("/{userName}/disable", (string userName, CityOpsDbContext db, IMemoryCache cache, ClaimsPrincipal user, CancellationToken ct) => SetActive(userName, false, db, cache, user, ct))
            .WithName("DisablePerson").WithSummary("Disable an account: it can no longer sign in. Administrators cannot disable themselves.");
        group.MapPost("/{userName}/enable", (string userName, CityOpsDbContext db, IMemoryCache cache, ClaimsPrincipal user, CancellationToken ct) => SetActive(userName, true, db, cache, user, ct))
            .WithName("EnablePerson").WithSummary("Enable a disabled account again.");
        group.MapPost("/{userName}/password", ResetPassword).Accepts<PasswordRequest>("application/json").WithName("ResetPassword")
            .WithSummary("Set a new password for an account.");
        return group;
    }

    private static async Task<Ok<List<PersonView>>> List(CityOpsDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Set<UserAccount>().AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken)).Select(View).ToList());

    private static async Task<Results<Ok<PersonView>, ProblemHttpResult>> Get(string userName, CityOpsDbContext db, CancellationToken cancellationToken) =>
        await FindAsync(db, userName, cancellationToken) is { } u ? TypedResults.Ok(View(u)) : Missing(userName);

    private static async Task<Results<Created<PersonView>, ValidationProblem>> Create(
        Body<PersonRequest> body, CityOpsDbContext db, ICityCatalog catalog, IPasswordHasher<UserAccount> hasher, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        request = request with { UserName = request.UserName?.Trim().ToLowerInvariant() };
        var result = new PersonValidator(catalog.Current, creating: true).Validate(request);
        if (result.IsValid && await FindAsync(db, request.UserName!, cancellationToken) is not null)
        {
            return CatalogHttp.Invalid("userName", $"User name '{request.UserName}' is taken.");
        }

        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var account = new UserAccount { Id = Guid.NewGuid(), UserName = request.UserName!, CreatedAt = time.GetUtcNow() };
        Apply(account, request);
        account.PasswordHash = hasher.HashPassword(account, request.Password!);
        db.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/catalog/people/{account.UserName}", View(account));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> Update(
        string userName, Body<PersonRequest> body, CityOpsDbContext db, ICityCatalog catalog, IMemoryCache cache, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        if (await FindAsync(db, userName, cancellationToken, tracked: true) is not { } account)
        {
            return Missing(userName);
        }

        var result = new PersonValidator(catalog.Current, creating: false).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        if (account.UserName == user.UserNameOf() && !request.Roles!.Contains(nameof(Role.Administrator)))
        {
            return CatalogHttp.Invalid("roles", "You cannot remove the Administrator role from your own account.");
        }

        Apply(account, request);
        await db.SaveChangesAsync(cancellationToken);
        AccountRefresh.Forget(cache, account.UserName);
        return TypedResults.Ok(View(account));
    }

    private static async Task<Results<Ok<PersonView>, ValidationProblem, ProblemHttpResult>> SetActive(
        string userName, bool active, CityOpsDbContext db, IMemoryCache cache, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await FindAsync(db, userName, cancellationToken, tracked: true) is not { } account)
        {
            return Missing(userName);
        }

        if (!active && account.UserName == user.UserNameOf())
        {
            return CatalogHttp.Invalid("userName", "You cannot disable your own account.");
        }

        account.IsActive = active;
        await db.SaveChangesAsync(cancellationToken);
        AccountRefresh.Forget(cache, account.UserName);
        return TypedResults.Ok(View(account));
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPassword(
        string userName, Body<PasswordRequest> body, CityOpsDbContext db, IPasswordHasher<UserAccount> hasher, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        if (request.Password is not { Length: >= PersonValidator.MinPasswordLength and <= 128 })
        {
            return CatalogHttp.Invalid("password", $"Required: {PersonValidator.MinPasswordLength} to 128 characters.");
        }

        if (await FindAsync(db, userName, cancellationToken, tracked: true) is not { } account)
        {
            return Missing(userName);
        }

        account.PasswordHash = hasher.HashPassword(account, request.Password);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static void Apply(UserAccount account, PersonRequest r)
    {
        account.DisplayName = r.DisplayName!.Trim();
        account.Roles = [.. r.Roles!.Distinct(StringComparer.Ordinal)];
        account.DepartmentCode = string.IsNullOrEmpty(r.DepartmentCode) ? null : r.DepartmentCode;
        account.AreaCode = string.IsNullOrEmpty(r.AreaCode) ? null : r.AreaCode;
    }

    private static Task<UserAccount?> FindAsync(CityOpsDbContext db, string userName, CancellationToken cancellationToken, bool tracked = false)
    {
        var name = userName.Trim().ToLowerInvariant();
        var set = tracked ? db.Set<UserAccount>() : db.Set<UserAccount>().AsNoTracking();
        return set.FirstOrDefaultAsync(u => u.UserName == name, cancellationToken);
    }

    private static ProblemHttpResult Missing(string userName) => CatalogHttp.NotFound("unknown-person", $"No account has user name '{userName}'.");

    private static PersonView View(UserAccount u) =>
        new(u.Id, u.UserName, u.DisplayName, u.Roles, u.DepartmentCode, u.AreaCode, u.IsActive, u.CreatedAt);
}
