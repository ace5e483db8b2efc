using System.Security.Claims;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence.Catalog;
using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityOps.CaseApi.Endpoints;

/// <summary><c>/api/catalog/taxonomy</c>: GB/T 47678.5 codes, local extension codes and per-code local configuration.</summary>
internal static class CatalogTaxonomyEndpoints
{
    public static RouteGroupBuilder MapCatalogTaxonomyEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/catalog/taxonomy").WithTags("Catalog: taxonomy").WithCatalogConflicts();
        group.MapGet("/", List).RequireAuthorization(Policies.SignedIn).WithName("ListTaxonomyCodes")
            .WithSummary("Case type codes (national and local) with their local configuration; filter by kind, majorClass or search text, paged.");
        group.MapGet("/{kind}/{code}", Get).RequireAuthorization(Policies.SignedIn).WithName("GetTaxonomyCode")
            .WithSummary("One code by kind (component | matter; legacy 'event' = matter). A 4-digit legacy GB/T 30428.2 code is resolved through the mapping table.");
        group.MapPut("/{kind}/{code}/config", PutConfig).RequireAuthorization(Policies.Administer).Accepts<CodeConfigRequest>("application/json")
            .WithName("PutTaxonomyCodeConfig").WithSummary("Set a code's default department, urgency and handling limit.");
        group.MapPost("/", PostLocalCode).RequireAuthorization(Policies.Administer).Accepts<LocalCodeRequest>("application/json")
            .WithName("CreateLocalCode").WithSummary("Add a local extension code in a major class outside GB/T 47678.5 (e.g. 21).");
        return group;
    }

    private static Results<Ok<PagedList<TaxonomyCodeView>>, ValidationProblem> List(
        string? kind, string? majorClass, string? search, string? page, string? pageSize, ICityCatalog catalog)
    {
        var query = new TaxonomyQuery(kind, majorClass, search, page, pageSize);
        var result = new TaxonomyQueryValidator().Validate(query);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var taxonomy = catalog.Current.Taxonomy;
        IEnumerable<TaxonomyEntry> entries = string.IsNullOrWhiteSpace(search)
            ? taxonomy.ByKind(CaseKind.Component).Concat(taxonomy.ByKind(CaseKind.Matter))
            : taxonomy.Search(search);
        if (kind is not null)
        {
            var k = TaxonomyFiles.Kind(kind);
            entries = entries.Where(e => e.Kind == k);
        }

        if (majorClass is not null)
        {
            entries = entries.Where(e => e.MajorCode == majorClass);
        }

        var all = entries.ToList();
        var (p, size) = (page is null ? 1 : int.Parse(page, System.Globalization.CultureInfo.InvariantCulture),
            pageSize is null ? 50 : int.Parse(pageSize, System.Globalization.CultureInfo.InvariantCulture));
        var items = all.Skip((p - 1) * size).Take(size).Select(e => View(taxonomy, e)).ToList();
        return TypedResults.Ok(new PagedList<TaxonomyCodeView>(items, p, size, all.Count));
    }

    private static Results<Ok<TaxonomyLookup>, ValidationProblem, ProblemHttpResult> Get(string kind, string code, ICityCatalog catalog)
    {
        if (!CatalogRules.TryKind(kind, out var k))
        {
            return CatalogHttp.Invalid("kind", "Use component or matter (legacy 'event' means matter).");
        }

        var taxonomy = catalog.Current.Taxonomy;
        return taxonomy.Resolve(k, code) is { } found
            ? TypedResults.Ok(Lookup(taxonomy, found))
            : CatalogHttp.NotFound("unknown-code", $"No {CatalogRules.Lower(k)} code '{code}' in GB/T 47678.5, the local extensions or the legacy GB/T 30428.2 mapping.");
    }

    private static async Task<Results<Ok<TaxonomyLookup>, ValidationProblem, ProblemHttpResult>> PutConfig(
        string kind, string code, Body<CodeConfigRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!CatalogRules.TryKind(kind, out var k))
        {
            return CatalogHttp.Invalid("kind", "Use component or matter.");
        }

        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        if (city.Taxonomy.Find(k, code) is null)
        {
            return CatalogHttp.NotFound("unknown-code", $"No current {CatalogRules.Lower(k)} code '{code}' (configuration is set on 5-digit codes, not legacy ones).");
        }

        var result = new CodeConfigValidator(city).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var row = await editor.Db.Set<CodeConfigRecord>().FindAsync([k, code], cancellationToken);
        if (row is null)
        {
            row = new CodeConfigRecord { Kind = k, Code = code };
            editor.Db.Add(row);
        }

        row.DepartmentCode = request.DepartmentCode!;
        row.Urgency = Enum.Parse<Urgency>(request.Urgency!, ignoreCase: true);
        row.LimitAmount = request.LimitAmount!.Value;
        row.LimitUnit = TimeLimit.ParseUnit(request.LimitUnit!);
        row.Source = string.IsNullOrWhiteSpace(request.Source) ? $"Set by {user.UserNameOf()} through the API" : request.Source;
        row.UpdatedAt = editor.Now;
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        return TypedResults.Ok(Lookup(editor.Current.Taxonomy, editor.Current.Taxonomy.Resolve(k, code)!));
    }

    private static async Task<Results<Created<TaxonomyLookup>, ValidationProblem>> PostLocalCode(
        Body<LocalCodeRequest> body, CatalogEditor editor, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body.Value is not { } request)
        {
            return CatalogHttp.Invalid(body.Errors);
        }

        var city = await editor.BeginAsync(cancellationToken);
        var result = new LocalCodeValidator(city, editor.National).Validate(request);
        if (!result.IsValid)
        {
            return CatalogHttp.Invalid(result);
        }

        var kind = TaxonomyFiles.Kind(request.Kind!);
        var code = request.Code!;
        var major = city.Taxonomy.MajorClassOf(kind, code[..2]);
        editor.Db.Add(new LocalCodeRecord
        {
            Kind = kind, Code = code, MajorCode = code[..2],
            MajorClassZh = major?.NameZh ?? request.MajorClassZh!, MajorClassEn = major?.NameEn ?? request.MajorClassEn ?? "",
            NameZh = request.NameZh!, NameEn = request.NameEn ?? "", Note = request.Note, CreatedAt = editor.Now,
        });
        await editor.CommitAsync(user.UserNameOf(), cancellationToken);
        var taxonomy = editor.Current.Taxonomy;
        return TypedResults.Created($"/api/catalog/taxonomy/{CatalogRules.Lower(kind)}/{code}", Lookup(taxonomy, taxonomy.Resolve(kind, code)!));
    }

    private static TaxonomyLookup Lookup(TaxonomyCatalog taxonomy, CodeResolution found) => new(
        found.RequestedCode,
        found.ViaLegacy is { } m ? new LegacyView(m.LegacyCode, CatalogRules.Lower(m.Confidence), m.Basis) : null,
        View(taxonomy, found.Entry));

    public static TaxonomyCodeView View(TaxonomyCatalog taxonomy, TaxonomyEntry e)
    {
        var major = taxonomy.MajorClassOf(e.Kind, e.MajorCode);
        var config = taxonomy.ConfigFor(e.Kind, e.Code);
        return new TaxonomyCodeView(
            CatalogRules.Lower(e.Kind), e.Code, e.MajorCode, major?.NameZh ?? "", major?.NameEn ?? "", e.NameZh, e.NameEn,
            e.Origin == TaxonomyOrigin.Gbt47678 ? "gbt47678-5" : "local",
            config is null ? null : new CodeConfigView(config.DepartmentCode, CatalogRules.Lower(config.Urgency), config.HandlingLimit.Amount,
                CatalogRules.UnitText(config.HandlingLimit.Unit), config.Source));
    }
}
