using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using FluentValidation;

namespace CityOps.CaseApi.Endpoints;

public sealed record DepartmentRequest(string? Code, string? NameZh, string? NameEn, string? Level, string? ParentCode, string? AreaCode, string? Kind);

public sealed record DepartmentView(string Code, string NameZh, string NameEn, string Level, string? ParentCode, string AreaCode, string Kind);

public sealed record ResponsibilityView(IReadOnlyList<string> Codes, string Area, string DutyZh, string DutyEn);

public sealed record DepartmentDetail(
    DepartmentView Department, IReadOnlyList<string> Ancestors, IReadOnlyList<string> Children, IReadOnlyList<ResponsibilityView> Responsibilities);

internal sealed partial class DepartmentValidator : AbstractValidator<DepartmentRequest>
{
    /// <param name="city">The catalog to check the parent against.</param>
    /// <param name="existing">The code being updated, or null when creating.</param>
    public DepartmentValidator(CitySnapshot city, string? existing)
    {
        var org = city.Organisation;
        if (existing is null)
        {
            RuleFor(r => r.Code).NotEmpty().WithMessage("Required: a code such as D330196-PARKS.")
                .Matches(CodePattern()).When(r => !string.IsNullOrEmpty(r.Code), ApplyConditionTo.CurrentValidator).WithMessage("2–40 characters: capital letters, digits and '-'.")
                .Must(c => org.Find(c!) is null).When(r => !string.IsNullOrEmpty(r.Code), ApplyConditionTo.CurrentValidator).WithMessage(r => $"Department {r.Code} already exists.");
        }

        RuleFor(r => r.NameZh).NotEmpty().WithMessage("Required: the Chinese name.").MaximumLength(100);
        RuleFor(r => r.NameEn).MaximumLength(200);
        RuleFor(r => r.Kind).MaximumLength(40);
        RuleFor(r => r.AreaCode).NotEmpty().WithMessage("Required: the administrative area code it serves (4–15 digits).")
            .Matches(AreaPattern()).When(r => !string.IsNullOrEmpty(r.AreaCode), ApplyConditionTo.CurrentValidator).WithMessage("4–15 digits, e.g. 330196.");
        RuleFor(r => r.Level).NotEmpty().WithMessage("Required: city, district or street.")
            .IsEnumName(typeof(DepartmentLevel), caseSensitive: false).When(r => !string.IsNullOrEmpty(r.Level), ApplyConditionTo.CurrentValidator).WithMessage("Use city, district or street.");
        RuleFor(r => r.ParentCode)
            .Must(p => org.Find(p!) is not null).WithMessage(r => $"No department has code '{r.ParentCode}'.")
            .Must(p => p != existing).WithMessage("A department cannot be its own parent.")
            .Must(p => existing is null || org.Find(p!) is null || !org.Ancestors(p!).Any(a => a.Code == existing)).WithMessage(r => $"{r.ParentCode} sits under {existing}; that would make a cycle.")
            .When(r => !string.IsNullOrEmpty(r.ParentCode), ApplyConditionTo.AllValidators);
        When(r => Enum.TryParse<DepartmentLevel>(r.Level, ignoreCase: true, out _), () =>
        {
            RuleFor(r => r.ParentCode).NotEmpty().When(r => Level(r) != DepartmentLevel.City, ApplyConditionTo.CurrentValidator)
                .WithMessage("Required for district and street departments: the department above it.");
            RuleFor(r => r.ParentCode).Must((r, p) => org.Find(p!) is not { } parent || parent.Level <= Level(r))
                .When(r => !string.IsNullOrEmpty(r.ParentCode), ApplyConditionTo.CurrentValidator)
                .WithMessage(r => $"A {r.Level} department cannot sit under the {org.Find(r.ParentCode!)?.Level.ToString().ToLowerInvariant()} department {r.ParentCode}.");
            RuleFor(r => r.Level).Must(r => existing is null || org.Children(existing).All(c => c.Level >= Level(new DepartmentRequest(null, null, null, r, null, null, null))))
                .WithMessage(r => $"Departments under {existing} have a higher level than {r.Level}; move them first.");
        });
    }

    private static DepartmentLevel Level(DepartmentRequest r) => Enum.Parse<DepartmentLevel>(r.Level!, ignoreCase: true);

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{1,39}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[0-9]{4,15}$")]
    private static partial Regex AreaPattern();
}
