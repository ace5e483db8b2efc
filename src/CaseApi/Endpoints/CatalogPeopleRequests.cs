using System.Text.RegularExpressions;
using CityOps.Cases.Catalog;
using CityOps.Cases.Organisation;
using FluentValidation;

namespace CityOps.CaseApi.Endpoints;

public sealed record PersonRequest(string? UserName, string? DisplayName, string? Password, List<string>? Roles, string? DepartmentCode, string? AreaCode);

public sealed record PasswordRequest(string? Password);

/// <summary>A person as the API shows them: never the password hash.</summary>
public sealed record PersonView(
    Guid Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, string? DepartmentCode, string? AreaCode, bool IsActive, DateTimeOffset CreatedAt);

internal sealed partial class PersonValidator : AbstractValidator<PersonRequest>
{
    public const int MinPasswordLength = 8;

    /// <param name="city">Departments and areas to check against.</param>
    /// <param name="creating">True for a new account (user name and password required).</param>
    public PersonValidator(CitySnapshot city, bool creating)
    {
        if (creating)
        {
            RuleFor(r => r.UserName).NotEmpty().WithMessage("Required: the sign-in name.")
                .Matches(UserNamePattern()).When(r => !string.IsNullOrEmpty(r.UserName), ApplyConditionTo.CurrentValidator)
                .WithMessage("2–64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.");
            RuleFor(r => r.Password).NotEmpty().WithMessage($"Required: at least {MinPasswordLength} characters.")
                .Length(MinPasswordLength, 128).When(r => !string.IsNullOrEmpty(r.Password), ApplyConditionTo.CurrentValidator).WithMessage($"{MinPasswordLength} to 128 characters.");
        }

        RuleFor(r => r.DisplayName).NotEmpty().WithMessage("Required: the name colleagues see.").MaximumLength(100);
        RuleFor(r => r.Roles).NotEmpty().WithMessage($"Required: at least one of {string.Join(", ", Enum.GetNames<Role>())}.");
        RuleForEach(r => r.Roles).IsEnumName(typeof(Role), caseSensitive: true).WithMessage((_, role) => $"Unknown role '{role}'; use {string.Join(", ", Enum.GetNames<Role>())}.");
        RuleFor(r => r.DepartmentCode).NotEmpty().When(r => r.Roles?.Contains(nameof(Role.DepartmentHandler)) == true, ApplyConditionTo.CurrentValidator)
            .WithMessage("Required for a department handler: the department they work for.");
        RuleFor(r => r.DepartmentCode).Must(d => city.Organisation.Find(d!) is not null).When(r => !string.IsNullOrEmpty(r.DepartmentCode), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"No department has code '{r.DepartmentCode}'.");
        RuleFor(r => r.AreaCode).Must(a => city.Grids.Find(a!) is not null).When(r => !string.IsNullOrEmpty(r.AreaCode), ApplyConditionTo.CurrentValidator)
            .WithMessage(r => $"No street, community or grid has code '{r.AreaCode}'.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{1,63}$")]
    private static partial Regex UserNamePattern();
}
