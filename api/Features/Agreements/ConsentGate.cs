using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Agreements;

/// <summary>
/// DESIGN §13: work does not start before both partners have consented. A partner has consented when
/// they signed (electronically, or on paper as the therapist recorded) any consent agreement of the
/// couple. Recording a session asks this, as joint work asks the safety gate (§4a).
/// </summary>
public static class ConsentGate
{
    /// <summary>The partners (of <paramref name="couple"/>) who have not consented yet, in label order.</summary>
    public static async Task<IReadOnlyList<Partner>> MissingConsentAsync(ClinicDbContext db, Couple couple, CancellationToken ct)
    {
        var consented = await db.AgreementSignatures
            .Where(s => s.CoupleId == couple.Id && db.Agreements.Any(a => a.Id == s.AgreementId && a.Kind == DocumentKind.Consent))
            .Select(s => s.PartnerId).Distinct().ToListAsync(ct);
        return couple.Partners.Where(p => !consented.Contains(p.Id)).OrderBy(p => p.Label).ToList();
    }

    /// <summary>
    /// "Has this partner consented" for the caseload's raw SQL (<paramref name="partnerAlias"/> = the partners table's alias):
    /// the same rule as <see cref="MissingConsentAsync"/>, which ConsentMissingAlertTests checks against it.
    /// </summary>
    public static string HasConsentedSql(string partnerAlias) =>
        $"EXISTS (SELECT 1 FROM agreement_signatures g JOIN agreements ag ON ag.id = g.agreement_id WHERE g.partner_id = {partnerAlias}.id AND ag.kind = 'consent')";

    /// <summary>
    /// Passes when both partners consented; otherwise a 409 naming who has not (<c>requiresConsentConfirmation: true</c>,
    /// <c>missingConsent</c>) unless the therapist confirmed a consent given on paper. Returns true when the write goes
    /// ahead on that confirmation — the caller audits it.
    /// </summary>
    public static async Task<bool> RequireConsentAsync(ClinicDbContext db, Couple couple, bool confirmed, CancellationToken ct)
    {
        var missing = await MissingConsentAsync(db, couple, ct);
        if (missing.Count == 0) return false;
        if (!confirmed)
            throw new ConflictException(
                $"Consent is missing from {string.Join(" and ", missing.Select(p => p.FirstName))}. Send the consent for signing, record a paper signature, or confirm that you hold a paper consent.",
                new Dictionary<string, object?>
                {
                    ["requiresConsentConfirmation"] = true,
                    ["missingConsent"] = missing.Select(p => new { partnerId = p.Id, firstName = p.FirstName }).ToList(),
                });
        return true;
    }
}
