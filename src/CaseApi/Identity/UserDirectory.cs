using System.Security.Claims;
using CityOps.Cases.People;
using CityOps.Cases.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Identity;

/// <summary>Checks a user name and password against the Users table.</summary>
internal sealed class UserDirectory(CityOpsDbContext db, IPasswordHasher<UserAccount> hasher)
{
    public async Task<ClaimsPrincipal?> SignInAsync(string userName, string password, string authenticationType, CancellationToken cancellationToken)
    {
        var name = userName.Trim().ToLowerInvariant();
        var user = await db.Set<UserAccount>().AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name && u.IsActive, cancellationToken);
        if (user is null)
        {
            // Spend the same time as a real check so response times do not reveal which names exist.
            hasher.VerifyHashedPassword(new UserAccount(), DummyHash.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        return result == PasswordVerificationResult.Failed ? null : CityOpsClaims.CreatePrincipal(user, authenticationType);
    }

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<UserAccount>().HashPassword(new UserAccount(), Guid.NewGuid().ToString()));
}
