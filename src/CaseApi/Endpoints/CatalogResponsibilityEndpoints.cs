using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Geography;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Endpoints;

/// <summary>One line of the 权责清单 as the API takes it: code selectors like <c>matter:06</c>, an area selector, duties.</summary>
public sealed record ResponsibilityRequest(string? DepartmentCode, IReadOnlyList<string>? Codes, string? Area, string? DutyZh, string? DutyEn);

public sealed record ResponsibilityLine(int Id, string DepartmentCode, IReadOnlyList<string> Codes, string Area, string DutyZh, string DutyEn);

/// <summary><c>/api/catalog/responsibilities</c>: the 权责清单 — which department answers for which codes in which area.</summary>
internal static class CatalogResponsibilityEndpoints
{
    public static void MapCatalogResponsibilityEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/responsibilities").WithTags("Catalog: organisation").WithCatalogConflicts();
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn).WithName("ListResponsibilities")
            .WithSummary("The 权责清单, optionally for one department.");
        group.MapPost("/", Create).RequireAuthorization(Policies.Administer).Accepts<ResponsibilityRequest>("application/json").WithName("CreateResponsibility");
        group.MapPut("/{id:int}", Update).RequireAuthorization(Policies.Administer).Accepts<ResponsibilityRequest>("application/json").WithName("UpdateResponsibility");
        group.MapDelete("/{id:int}", Delete).RequireAuthorization(Policies.Administer).WithName("DeleteResponsibility");
    }

    private static async Task<Ok<List<ResponsibilityLine>>> List(string? department, CatalogEditor editor, CancellationToken cancellationToken) =>
        TypedResults.Ok((await editor.Db.Set<ResponsibilityRecord>().AsNoTracking()
            .Where(r => department == null || r.DepartmentCode == department).OrderBy(r => r.Id).ToListAsync(cancellationToken))
            .Select(View).ToList());

    private static async Task<Results<Created<ResponsibilityLine>, ValidationProblem>> Create(
        Body<ResponsibilityRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var errors = Validate(request, await editor.BeginAsync(cancellationToken));
        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        var row = Apply(new ResponsibilityRecord(), request);
        editor.Db.Add(row);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Created($"/api/catalog/responsibilities/{row.Id}", View(row));
    }

    private static async Task<Results<Ok<ResponsibilityLine>, ValidationProblem, ProblemHttpResult>> Update(
        int id, Body<ResponsibilityRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        if (await editor.Db.Set<ResponsibilityRecord>().FindAsync([id], cancellationToken) is not { } row)
        {
            return CatalogHttp.NotFound("unknown-responsibility", $"No 权责清单 line has id {id}.");
        }

        var errors = Validate(request, city);
        if (errors.Count > 0)
        {
            return CatalogHttp.Invalid(errors);
        }

        Apply(row, request);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(View(row));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(int id, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await editor.BeginAsync(cancellationToken);
        if (await editor.Db.Set<ResponsibilityRecord>().FindAsync([id], cancellationToken) is not { } row)
        {
            return CatalogHttp.NotFound("unknown-responsibility", $"No 权责清单 line has id {id}.");
        }

        editor.Db.Remove(row);
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.NoContent();
    }

    private static Dictionary<string, string[]> Validate(ResponsibilityRequest r, CitySnapshot city)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(r.DepartmentCode) || city.Organisation.Find(r.DepartmentCode) is null)
        {
            errors["departmentCode"] = [$"No department has code '{r.DepartmentCode}'."];
        }

        if (r.Codes is not { Count: > 0 })
        {
            errors["codes"] = ["At least one code selector, e.g. matter:06 or component:01003."];
        }
        else
        {
            for (var i = 0; i < r.Codes.Count; i++)
            {
                if (SelectorProblem(() => CodeSelector.Parse(r.Codes[i])) is { } problem)
                {
                    errors[$"codes[{i}]"] = [problem];
                }
            }
        }

        AreaSelector? area = null;
        if (SelectorProblem(() => area = AreaSelector.Parse(r.Area ?? "")) is { } areaProblem)
        {
            errors["area"] = [areaProblem];
        }
        else if (area is { Level: not AreaLevel.Any, Code: { } code } && city.Grids.Find(code) is null)
        {
            errors["area"] = [$"No area has code '{code}'."];
        }

        if (string.IsNullOrWhiteSpace(r.DutyZh) || r.DutyZh.Length > 500)
        {
            errors["dutyZh"] = ["1 to 500 characters."];
        }

        if (r.DutyEn is { Length: > 500 })
        {
            errors["dutyEn"] = ["At most 500 characters."];
        }

        return errors;
    }

    private static string? SelectorProblem(Action parse)
    {
        try
        {
            parse();
            return null;
        }
        catch (FormatException ex)
        {
            return ex.Message;
        }
    }

    private static ResponsibilityRecord Apply(ResponsibilityRecord row, ResponsibilityRequest r)
    {
        row.DepartmentCode = r.DepartmentCode!;
        row.Codes = string.Join(' ', r.Codes!.Select(c => CodeSelector.Parse(c).ToString()));
        row.Area = AreaSelector.Parse(r.Area!).ToString();
        row.DutyZh = r.DutyZh!.Trim();
        row.DutyEn = r.DutyEn?.Trim() ?? "";
        return row;
    }

    private static ResponsibilityLine View(ResponsibilityRecord r) =>
        new(r.Id, r.DepartmentCode, r.Codes.Split(' ', StringSplitOptions.RemoveEmptyEntries), r.Area, r.DutyZh, r.DutyEn);
}
