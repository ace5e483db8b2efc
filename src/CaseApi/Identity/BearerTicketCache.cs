using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace CityOps.CaseApi.Identity;

/// <summary>
/// Wraps the bearer token protector so a token already unprotected is not unprotected again on each request: an API
/// client sends the same token thousands of times, and Data Protection (key derivation, HMAC, AES) costs each time.
/// </summary>
/// <remarks>
/// Only tokens that unprotect to a ticket that has not expired are kept, keyed on the exact token text; a forged or
/// tampered token gets the full check every time. An entry lasts at most <see cref="Lifetime"/> and never past the
/// ticket's own expiry, on the injected clock. At most <see cref="Capacity"/> tokens (~1 KB each) are kept. Every
/// caller gets its own copy of the ticket, so what one request does to its principal or properties stays in that
/// request. The account behind a token is still re-read on every request (<see cref="AccountRefresh"/>), so a disabled
/// account is refused at once, cached token or not. Issuing tokens (<see cref="Protect(AuthenticationTicket)"/>) is
/// untouched.
/// </remarks>
internal sealed class BearerTicketCache : ISecureDataFormat<AuthenticationTicket>, IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    public const int Capacity = 4096;

    private readonly ISecureDataFormat<AuthenticationTicket> inner;
    private readonly TimeProvider time;
    private readonly MemoryCache tickets;

    public BearerTicketCache(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(time);
        this.inner = inner;
        this.time = time;

        // The cache's own expiry (which frees memory) runs on the same clock as the check in Unprotect.
        tickets = new MemoryCache(new MemoryCacheOptions { SizeLimit = Capacity, Clock = new Clock(time) });
    }

    /// <summary>The inner protector, for tests and diagnostics.</summary>
    public ISecureDataFormat<AuthenticationTicket> Inner => inner;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText) || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose); // the bearer handler never passes a purpose
        }

        var now = time.GetUtcNow();
        if (tickets.TryGetValue(protectedText, out Entry? hit) && hit is not null && now < hit.ValidUntil)
        {
            return hit.Ticket.Clone();
        }

        var ticket = inner.Unprotect(protectedText);
        if (ticket?.Properties.ExpiresUtc is { } expires && now < expires)
        {
            var validUntil = expires < now + Lifetime ? expires : now + Lifetime;
            tickets.Set(protectedText, new Entry(ticket.Clone(), validUntil), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = validUntil });
        }

        return ticket;
    }

    public void Dispose() => tickets.Dispose();

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset ValidUntil);

    private sealed class Clock(TimeProvider time) : Microsoft.Extensions.Internal.ISystemClock
    {
        public DateTimeOffset UtcNow => time.GetUtcNow();
    }
}
