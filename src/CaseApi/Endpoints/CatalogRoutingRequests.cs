using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Geography;
using CityOps.Cases.Taxonomy;
using FluentValidation;

namespace CityOps.CaseApi.Endpoints;

public sealed record RoutingRuleRequest(string? Id, string? Code, string? Area, string? DepartmentCode, string? Note);

public sealed record RoutingRuleView(string Id, string Code, string Area, string DepartmentCode, string? Note);

public sealed record CandidateView(int Place, RoutingRuleView Rule, string Verdict);

public sealed record PlaceView(string? DistrictCode, string? StreetCode, string? CommunityCode, string? GridCode, bool OutsideCity);

/// <summary>Which department a case of this code at this place goes to, and why.</summary>
public sealed record RoutingExplanation(
    string Outcome, DepartmentView? Department, RoutingRuleView? Rule, string Reason, IReadOnlyList<CandidateView> Candidates,
    TaxonomyLookup Case, PlaceView Place, long CatalogRevision);

internal sealed partial class RoutingRuleValidator : AbstractValidator<RoutingRuleRequest>
{
    /// <param name="city">The catalog the selectors and department must exist in.</param>
    /// <param name="existing">The id being updated, or null when creating.</param>
    public RoutingRuleValidator(CitySnapshot city, string? existing)
    {
        var rules = city.Routing.Table.Rules;
        if (existing is null)
        {
            RuleFor(r => r.Id).Matches(IdPattern()).WithMessage("1–40 characters: letters, digits, '-', '_' or '.'; leave it out to get the next R-nnn.")
                .Must(id => rules.All(x => x.Id != id)).WithMessage(r => $"Rule {r.Id} already exists.")
                .When(r => r.Id is not null, ApplyConditionTo.CurrentValidator);
        }

        RuleFor(r => r.Code).NotEmpty().WithMessage("Required: '*', 'matter:*', 'matter:06' or 'matter:06010'.")
            .Custom((text, ctx) =>
            {
                if (string.IsNullOrEmpty(text))
                {
                    return;
                }

                if (Parse(text, CodeSelector.Parse) is not { } selector)
                {
                    ctx.AddFailure($"'{text}' is not '*', 'kind:*', 'kind:NN' (major class) or 'kind:NNNNN' (kind = component or matter).");
                }
                else if (selector.Scope == CodeScope.Exact && city.Taxonomy.Find(selector.Kind!.Value, selector.Code!) is null)
                {
                    ctx.AddFailure($"Unknown code: no {selector.Kind.Value.ToString().ToLowerInvariant()} {selector.Code} in the taxonomy.");
                }
                else if (selector.Scope == CodeScope.MajorClass && city.Taxonomy.MajorClassOf(selector.Kind!.Value, selector.Code!) is null)
                {
                    ctx.AddFailure($"Unknown major class: no {selector.Kind.Value.ToString().ToLowerInvariant()} class {selector.Code} in the taxonomy.");
                }
            });
        RuleFor(r => r.Area).NotEmpty().WithMessage("Required: 'any' or 'district|street|community|grid:<code>'.")
            .Custom((text, ctx) =>
            {
                if (string.IsNullOrEmpty(text))
                {
                    return;
                }

                if (Parse(text, AreaSelector.Parse) is not { } selector)
                {
                    ctx.AddFailure($"'{text}' is not 'any' or 'district|street|community|grid:<code of 6|9|12|15 digits>'.");
                }
                else if (selector.Level != AreaLevel.Any && city.Grids.Find(selector.Code!) is not { } area)
                {
                    ctx.AddFailure($"Unknown area: no {selector.Level.ToString().ToLowerInvariant()} {selector.Code} in the city's geography.");
                }
                else if (selector.Level != AreaLevel.Any && city.Grids.Find(selector.Code!)!.Level != selector.Level)
                {
                    ctx.AddFailure($"{selector.Code} is a {city.Grids.Find(selector.Code!)!.Level.ToString().ToLowerInvariant()}, not a {selector.Level.ToString().ToLowerInvariant()}.");
                }
            });
        RuleFor(r => r.DepartmentCode).NotEmpty().WithMessage("Required: the department that receives the cases.")
            .Must(d => city.Organisation.Find(d!) is not null).When(r => !string.IsNullOrEmpty(r.DepartmentCode), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"Unknown department: no department has code '{r.DepartmentCode}'.");
        RuleFor(r => r.Note).MaximumLength(500);

        // Same selectors as another rule: the two would tie on every criterion, so a person must pick one.
        When(r => r.Code is not null && r.Area is not null && Parse(r.Code, CodeSelector.Parse) is not null && Parse(r.Area, AreaSelector.Parse) is not null, () =>
        {
            RuleFor(r => r.Code).Must((r, _) => Twin(rules, r, existing) is null)
                .WithMessage(r => $"Rule {Twin(rules, r, existing)!.Id} already routes {r.Code} @ {r.Area}; edit that rule instead.");
            RuleFor(r => r.Area).Must((r, _) => Twin(rules, r, existing) is null)
                .WithMessage(r => $"Rule {Twin(rules, r, existing)!.Id} already routes {r.Code} @ {r.Area}; edit that rule instead.");
        });
    }

    public static T? Parse<T>(string text, Func<string, T> parse)
        where T : class
    {
        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static Cases.Dispatch.RoutingRule? Twin(IReadOnlyList<Cases.Dispatch.RoutingRule> rules, RoutingRuleRequest r, string? existing)
    {
        var code = CodeSelector.Parse(r.Code!);
        var area = AreaSelector.Parse(r.Area!);
        return rules.FirstOrDefault(x => x.Id != existing && x.Code == code && x.Area == area);
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex IdPattern();
}
