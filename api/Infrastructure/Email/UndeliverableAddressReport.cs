using Clinic.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>
/// At start-up, says how many stored addresses (partners, accounts) are not one deliverable mailbox
/// (<see cref="EmailAddresses.IsDeliverable"/>): rows kept from before addresses were checked. Their mail is
/// marked failed with the reason rather than sent; the log names record ids, never an address.
/// </summary>
internal sealed class UndeliverableAddressReport(IServiceScopeFactory scopes, ILogger<UndeliverableAddressReport> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
            var partners = await db.Partners.Select(p => new { p.Id, p.Email }).ToListAsync(stop);
            var users = await db.Users.Select(u => new { u.Id, u.Email }).ToListAsync(stop);
            var badPartners = partners.Where(p => !EmailAddresses.IsDeliverable(p.Email)).Select(p => p.Id).ToList();
            var badUsers = users.Where(u => !EmailAddresses.IsDeliverable(u.Email)).Select(u => u.Id).ToList();
            if (badPartners.Count + badUsers.Count == 0) return;
            logger.LogWarning(
                "{Partners} partner and {Accounts} account email addresses are not deliverable; their mail is marked failed. " +
                "Correct them (partners: {PartnerIds}; accounts: {AccountIds})",
                badPartners.Count, badUsers.Count, string.Join(",", badPartners.Take(50)), string.Join(",", badUsers.Take(50)));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            logger.LogWarning("Could not check stored email addresses at start-up: {Error}", e.GetType().Name);
        }
    }
}
