using System.Security.Claims;
using CityOps.Cases.People;

namespace CityOps.CaseApi.Identity;

/// <summary>Claims a CityOps principal carries, and the helpers endpoints use to read them.</summary>
public static class CityOpsClaims
{
    public const string Department = "cityops:department";
    public const string Area = "cityops:area";
    public const string DisplayName = "cityops:display_name";

    public static ClaimsPrincipal CreatePrincipal(UserAccount user, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(user);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        if (user.DepartmentCode is not null)
        {
            claims.Add(new Claim(Department, user.DepartmentCode));
        }

        if (user.AreaCode is not null)
        {
            claims.Add(new Claim(Area, user.AreaCode));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static string? DepartmentOf(this ClaimsPrincipal user) => user.FindFirstValue(Department);

    public static string UserNameOf(this ClaimsPrincipal user) => user.Identity?.Name ?? "anonymous";

    public static IReadOnlyList<string> RolesOf(this ClaimsPrincipal user) =>
        user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList();
}
