using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using CityOps.Cases.Persistence.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints;

/// <summary><c>/api/catalog/departments</c>: city, district and street departments and their 权责清单 lines.</summary>
internal static class CatalogDepartmentEndpoints
{
    public static RouteGroupBuilder MapCatalogDepartmentEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/departments").WithTags("Catalog: organisation").WithCatalogConflicts();
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn).WithName("ListDepartments")
            .WithSummary("Departments, filtered by level (city | district | street) and parent code.");
        group.MapGet("/{code}", Get).RequireAuthorization(Policies.SignedIn).WithName("GetDepartment")
            .WithSummary("One department with its ancestors, children and 权责清单 (responsibility) lines.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administer).Accepts<DepartmentRequest>("application/json")
            .WithName("CreateDepartment").WithSummary("Add a department under an existing parent of the same or a higher level.");
        group.MapPut("/{code}", Update).RequireAuthorization(Policies.Administer).Accepts<DepartmentRequest>("application/json")
            .WithName("UpdateDepartment").WithSummary("Rename, re-level or move a department (no cycles; children keep a valid level).");
        return group;
    }

    internal static Results<Ok<List<DepartmentView>>, ValidationProblem> List(string? level, string? parent, ICityCatalog catalog)
    {
        var org = catalog.Current.Organisation;
        var errors = new Dictionary<string, string[]>();
        DepartmentLevel? wanted = null;
        if (level is not null)
        {
            if (Enum.TryParse<DepartmentLevel>(level, ignoreCase: true, out var l) && Enum.IsDefined(l))
            {
                wanted = l;
            }
            else
            {
                errors["level"] = ["Use city, district or street."];
            }
        }

        if (parent is not null && org.Find(parent) is null)
        {
            errors["parent"] = [$"No department has code '{parent}'."];
        }

        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        return TypedResults.Ok(org.Data.Departments
            .Where(d => wanted is null || d.Level == wanted)
            .Where(d => parent is null || d.ParentCode == parent)
            .Select(View).ToList());
    }

    private static Results<Ok<DepartmentDetail>, ProblemHttpResult> Get(string code, ICityCatalog catalog)
    {
        var org = catalog.Current.Organisation;
        return org.Find(code) is { } d
            ? TypedResults.Ok(Detail(org, d))
            : CatalogHttp.NotFound("unknown-department", $"No department has code '{code}'.");
    }

    private static async Task<Results<Created<DepartmentDetail>, ValidationProblem>> Create(
        Body<DepartmentRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var result = new DepartmentValidator(city, existing: null).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var row = new DepartmentRecord { Code = request.Code! };
        Apply(row, request);
        editor.Db.Add(row);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        var org = editor.Current.Organisation;
        return TypedResults.Created($"/api/catalog/departments/{row.Code}", Detail(org, org.Find(row.Code)!));
    }

    private static async Task<Results<Ok<DepartmentDetail>, ValidationProblem, ProblemHttpResult>> Update(
        string code, Body<DepartmentRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var row = await editor.Db.Set<DepartmentRecord>().FindAsync([code], cancellationToken);
        if (row is null)
        {
            return CatalogHttp.NotFound("unknown-department", $"No department has code '{code}'.");
        }

        var result = new DepartmentValidator(city, existing: code).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        Apply(row, request);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        var org = editor.Current.Organisation;
        return TypedResults.Ok(Detail(org, org.Find(code)!));
    }

    private static void Apply(DepartmentRecord row, DepartmentRequest r)
    {
        row.NameZh = r.NameZh!;
        row.NameEn = r.NameEn ?? "";
        row.Level = Enum.Parse<DepartmentLevel>(r.Level!, ignoreCase: true);
        row.ParentCode = string.IsNullOrEmpty(r.ParentCode) ? null : r.ParentCode;
        row.AreaCode = r.AreaCode!;
        row.Kind = r.Kind ?? "";
    }

    public static DepartmentView View(Department d) =>
        new(d.Code, d.NameZh, d.NameEn, CatalogRules.Lower(d.Level), d.ParentCode, d.AreaCode, d.Kind);

    private static DepartmentDetail Detail(OrganisationDirectory org, Department d) => new(
        View(d),
        [.. org.Ancestors(d.Code).Select(a => a.Code)],
        [.. org.Children(d.Code).Select(c => c.Code)],
        [.. org.ResponsibilitiesOf(d.Code).Select(r => new ResponsibilityView([.. r.Codes.Select(c => c.ToString())], r.Area.ToString(), r.DutyZh, r.DutyEn))]);
}
