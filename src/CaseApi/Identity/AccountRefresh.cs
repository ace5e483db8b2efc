using System.Security.Claims;
using CityOps.Cases.People;
using CityOps.Cases.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CityOps.CaseApi.Identity;

/// <summary>
/// Re-reads the account behind every authenticated request (cached for a few seconds), so disabling an account or
/// changing its roles or department takes effect at once on this node and within <see cref="Lifetime"/> on others —
/// not only when its cookie or token expires hours later.
/// </summary>
internal sealed class AccountRefresh(CityOpsDbContext db, IMemoryCache cache) : IClaimsTransformation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity is not { IsAuthenticated: true, Name: { } userName, AuthenticationType: { } scheme })
        {
            return principal;
        }

        var account = await cache.GetOrCreateAsync(Key(userName), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return await db.Set<UserAccount>().AsNoTracking().FirstOrDefaultAsync(u => u.UserName == userName);
        });

        return account is { IsActive: true }
            ? CityOpsClaims.CreatePrincipal(account, scheme)
            : new ClaimsPrincipal(new ClaimsIdentity());
    }

    /// <summary>Forget the cached account after an edit on this node.</summary>
    public static void Forget(IMemoryCache cache, string userName) => cache.Remove(Key(userName));

    private static string Key(string userName) => "cityops:account:" + userName;
}
