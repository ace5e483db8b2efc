namespace CityOps.Cases.People;

/// <summary>
/// A person who signs in: inspector, acceptor, shift leader, dispatcher, department handler, auditor or administrator.
/// Role names are those of <see cref="Organisation.Role"/>; a department handler belongs to one department and sees
/// only that department's tasks and cases.
/// </summary>
public sealed class UserAccount
{
    public Guid Id { get; set; }

    /// <summary>Sign-in name, unique, compared case-insensitively (stored lower-case).</summary>
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>ASP.NET Core Identity password hash (PBKDF2); never the password.</summary>
    public string PasswordHash { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    /// <summary>The department the person works for (required for department handlers).</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>For inspectors: the street (or grid) code of the area they patrol.</summary>
    public string? AreaCode { get; set; }

    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }
}
