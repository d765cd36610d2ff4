using System.Threading.RateLimiting;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// Failed sign-ins, limited per account (the email as typed, so an unknown email is limited exactly
/// like a known one) and per client address, each on its own: a colleague's typos behind the same
/// office router do not lock anyone else's account, and one address cannot spray passwords across
/// many accounts. Only failures count; a successful sign-in or a token refresh spends nothing here.
/// </summary>
/// <remarks>
/// In-process partitioned limiters (System.Threading.RateLimiting), as the request rate limits are;
/// with several instances each keeps its own count, and the account lockout in the database
/// (<see cref="AccountLockout"/>) is what holds across them.
/// </remarks>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAccount;
    private readonly PartitionedRateLimiter<string> _byAddress;

    public SignInThrottle(IOptions<LoginRateLimitOptions> options)
    {
        var o = options.Value;
        _byAccount = Limiter(o.FailedPerAccount, o.FailureWindow);
        _byAddress = Limiter(o.FailedPerAddress, o.FailureWindow);
    }

    /// <summary>Throws when this account or this address has used up its failures for now.</summary>
    public void EnsureAllowed(string account, string? address)
    {
        using var byAccount = _byAccount.AttemptAcquire(AccountKey(account), 0);
        using var byAddress = _byAddress.AttemptAcquire(AddressKey(address), 0);
        if (byAccount.IsAcquired && byAddress.IsAcquired) return;
        var retryAfter = new[] { byAccount, byAddress }
            .Select(l => l.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1)).Max();
        throw new TooManyAttemptsException("Too many failed sign-in attempts. Wait a few minutes and try again.", retryAfter);
    }

    public void Failed(string account, string? address)
    {
        _byAccount.AttemptAcquire(AccountKey(account)).Dispose();
        _byAddress.AttemptAcquire(AddressKey(address)).Dispose();
    }

    public void Dispose()
    {
        _byAccount.Dispose();
        _byAddress.Dispose();
    }

    private static string AccountKey(string account) => account.Trim().ToUpperInvariant();
    private static string AddressKey(string? address) => address ?? "unknown";

    private static PartitionedRateLimiter<string> Limiter(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 }));
}
