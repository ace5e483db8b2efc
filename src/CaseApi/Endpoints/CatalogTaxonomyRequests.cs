using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;
using FluentValidation;

namespace CityOps.CaseApi.Endpoints;

public sealed record TaxonomyQuery(string? Kind, string? MajorClass, string? Search, string? Page, string? PageSize);

public sealed record CodeConfigRequest(string? DepartmentCode, string? Urgency, decimal? LimitAmount, string? LimitUnit, string? Source);

public sealed record LocalCodeRequest(string? Kind, string? Code, string? NameZh, string? NameEn, string? MajorClassZh, string? MajorClassEn, string? Note);

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public sealed record CodeConfigView(string DepartmentCode, string Urgency, decimal LimitAmount, string LimitUnit, string Source);

public sealed record TaxonomyCodeView(
    string Kind, string Code, string MajorCode, string MajorClassZh, string MajorClassEn, string NameZh, string NameEn, string Origin, CodeConfigView? Config);

public sealed record LegacyView(string LegacyCode, string Confidence, string Basis);

public sealed record TaxonomyLookup(string RequestedCode, LegacyView? ViaLegacy, TaxonomyCodeView Code);

internal static partial class CatalogRules
{
    public static readonly string[] Kinds = ["component", "matter"];

    public static bool IsKind(string? text) => TryKind(text, out _);

    public static bool TryKind(string? text, out CaseKind kind)
    {
        kind = default;
        try
        {
            kind = TaxonomyFiles.Kind(text ?? "");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool IsUnit(string? text)
    {
        try
        {
            _ = TimeLimit.ParseUnit(text ?? "");
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static string UnitText(TimeUnit unit) => unit switch
    {
        TimeUnit.WorkingMinutes => "working_minutes",
        TimeUnit.WorkingHours => "working_hours",
        TimeUnit.WorkingDays => "working_days",
        TimeUnit.NaturalMinutes => "natural_minutes",
        TimeUnit.NaturalHours => "natural_hours",
        _ => "natural_days",
    };

    public const string Units = "working_minutes, working_hours, working_days, natural_minutes, natural_hours, natural_days";

    public static string Lower<TEnum>(TEnum value)
        where TEnum : struct, Enum => value.ToString().ToLowerInvariant();

    [GeneratedRegex("^[0-9]{5}$")]
    public static partial Regex FiveDigits();

    [GeneratedRegex("^[0-9]{2}$")]
    public static partial Regex TwoDigits();
}

internal sealed class TaxonomyQueryValidator : AbstractValidator<TaxonomyQuery>
{
    public TaxonomyQueryValidator()
    {
        RuleFor(q => q.Kind).Must(CatalogRules.IsKind).When(q => q.Kind is not null, ApplyConditionTo.CurrentValidator).WithMessage("Use component or matter.");
        RuleFor(q => q.MajorClass).Matches(CatalogRules.TwoDigits()).When(q => q.MajorClass is not null, ApplyConditionTo.CurrentValidator).WithMessage("A major class has 2 digits, e.g. 06.");
        RuleFor(q => q.MajorClass).Must((q, _) => q.Kind is not null).When(q => q.MajorClass is not null, ApplyConditionTo.CurrentValidator).WithMessage("Give kind too: major class numbers repeat across kinds.");
        RuleFor(q => q.Page).Must(p => int.TryParse(p, out var n) && n >= 1).When(q => q.Page is not null, ApplyConditionTo.CurrentValidator).WithMessage("A whole number from 1.");
        RuleFor(q => q.PageSize).Must(p => int.TryParse(p, out var n) && n is >= 1 and <= 500).When(q => q.PageSize is not null, ApplyConditionTo.CurrentValidator).WithMessage("A whole number from 1 to 500.");
    }
}

internal sealed class CodeConfigValidator : AbstractValidator<CodeConfigRequest>
{
    public CodeConfigValidator(CitySnapshot city)
    {
        RuleFor(r => r.DepartmentCode).NotEmpty().WithMessage("Required: the default department's code.")
            .Must(d => city.Organisation.Find(d!) is not null).When(r => !string.IsNullOrEmpty(r.DepartmentCode), ApplyConditionTo.CurrentValidator).WithMessage(r => $"No department has code '{r.DepartmentCode}'.");
        RuleFor(r => r.Urgency).NotEmpty().WithMessage("Required: normal, urgent or emergency.")
            .IsEnumName(typeof(Urgency), caseSensitive: false).When(r => !string.IsNullOrEmpty(r.Urgency), ApplyConditionTo.CurrentValidator).WithMessage("Use normal, urgent or emergency.");
        RuleFor(r => r.LimitAmount).NotNull().WithMessage("Required: the handling limit's amount.")
            .GreaterThan(0).LessThanOrEqualTo(10_000).WithMessage("A number above 0 and at most 10000.");
        RuleFor(r => r.LimitUnit).NotEmpty().WithMessage($"Required: one of {CatalogRules.Units}.")
            .Must(CatalogRules.IsUnit).When(r => !string.IsNullOrEmpty(r.LimitUnit), ApplyConditionTo.CurrentValidator).WithMessage($"Use one of {CatalogRules.Units}.");
        RuleFor(r => r.Source).MaximumLength(500);
    }
}

internal sealed class LocalCodeValidator : AbstractValidator<LocalCodeRequest>
{
    public LocalCodeValidator(CitySnapshot city, NationalDirectory national)
    {
        RuleFor(r => r.Kind).NotEmpty().WithMessage("Required: component or matter.")
            .Must(CatalogRules.IsKind).When(r => !string.IsNullOrEmpty(r.Kind), ApplyConditionTo.CurrentValidator).WithMessage("Use component or matter.");
        RuleFor(r => r.Code).NotEmpty().WithMessage("Required: a 5-digit code (2-digit major class + 3 digits).")
            .Matches(CatalogRules.FiveDigits()).When(r => !string.IsNullOrEmpty(r.Code), ApplyConditionTo.CurrentValidator).WithMessage("A code has exactly 5 digits, e.g. 21010.");
        When(r => CatalogRules.TryKind(r.Kind, out _) && r.Code is not null && CatalogRules.FiveDigits().IsMatch(r.Code), () =>
        {
            RuleFor(r => r.Code).Must((r, code) => !national.IsNationalMajorClass(Kind(r), code![..2]))
                .WithMessage(r => $"Major class {r.Code![..2]} belongs to GB/T 47678.5; local codes go in a class of their own (e.g. 21).");
            RuleFor(r => r.Code).Must((r, code) => city.Taxonomy.Find(Kind(r), code!) is null)
                .WithMessage(r => $"{r.Kind} {r.Code} already exists.");
            RuleFor(r => r.MajorClassZh).NotEmpty().When(r => city.Taxonomy.MajorClassOf(Kind(r), r.Code![..2]) is null, ApplyConditionTo.CurrentValidator)
                .WithMessage(r => $"Major class {r.Code![..2]} is new: give its Chinese name.");
        });
        RuleFor(r => r.NameZh).NotEmpty().WithMessage("Required: the Chinese name.").MaximumLength(100);
        RuleFor(r => r.NameEn).MaximumLength(200);
        RuleFor(r => r.MajorClassZh).MaximumLength(100);
        RuleFor(r => r.MajorClassEn).MaximumLength(200);
        RuleFor(r => r.Note).MaximumLength(1000);
    }

    private static CaseKind Kind(LocalCodeRequest r) => TaxonomyFiles.Kind(r.Kind!);
}
