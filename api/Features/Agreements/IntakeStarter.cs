using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Forms;
using Clinic.Api.Features.Notifications;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Agreements;

/// <summary>What "Start intake" sends. <c>FormCode</c> defaults to the shipped couples intake.</summary>
public sealed record IntakeOptions(ConfidentialityPolicy Policy, bool IncludeTelehealth = false, string FormCode = IntakeOptions.DefaultFormCode)
{
    public const string DefaultFormCode = "couples-intake";
};

/// <summary>What one start of intake added (an item already in place is not sent twice).</summary>
public sealed record IntakeStarted(IReadOnlyList<Agreement> Agreements, IReadOnlyList<FormRequest> FormRequests, int CheckInsRequested);

/// <summary>
/// Opening a case (DESIGN §13): sending agreements, asking for forms, and "Start intake", which does all of it in one
/// step. Every method adds to the caller's unit of work and never saves, so a caller that is not a therapist's request —
/// the waitlist accepting an offer (issue 32) — composes it into its own transaction:
/// <code>await intake.StartAsync(couple, new IntakeOptions(policy), therapistId, ct); await db.SaveChangesAsync(ct);</code>
/// The couple is trusted to be the therapist's: callers check ownership first.
/// </summary>
internal sealed class IntakeStarter(ClinicDbContext db, AuditTrail audit, PortalNews news, FormLookup forms, TimeProvider clock)
{
    /// <summary>
    /// Sends the current version of the practice's document of <paramref name="kind"/> to both partners' portals. A newer
    /// agreement of a kind supersedes the older; sending the same version (and policy) again while it stands is a 409,
    /// unless a partner declined it (then it may be sent again).
    /// </summary>
    public async Task<Agreement> SendAgreementAsync(Couple couple, DocumentKind kind, ConfidentialityPolicy? policy, Guid by,
        CancellationToken ct) =>
        await SendAsync(couple, kind, policy, by, skipIfSent: false, ct) ?? throw new InvalidOperationException("Nothing was sent.");

    private async Task<Agreement?> SendAsync(Couple couple, DocumentKind kind, ConfidentialityPolicy? policy, Guid by, bool skipIfSent,
        CancellationToken ct)
    {
        couple.EnsureOpen();
        var document = await db.Documents.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Kind == kind, ct)
                       ?? throw new ConflictException(
                           $"The practice has no {Words(kind)} document yet: an admin publishes it under Documents first.",
                           new Dictionary<string, object?> { ["missingDocument"] = Data.SnakeCaseEnumConverter<DocumentKind>.ToWire(kind) });
        var version = document.Versions.Single(v => v.Number == document.CurrentVersion);
        var now = clock.GetUtcNow();
        var agreement = Agreement.Send(couple.Id, version, kind, policy, by, now);

        var standing = await db.Agreements.AsTracking().Include(a => a.Declines)
            .Where(a => a.CoupleId == couple.Id && a.Kind == kind && a.SupersededAt == null).ToListAsync(ct);
        var same = standing.FirstOrDefault(a => a.DocumentVersionId == version.Id && a.Policy == policy && a.Declines.Count == 0);
        if (same is not null)
        {
            if (skipIfSent) return null;
            throw new ConflictException("This version was already sent to the couple: remind them, or record a paper signature.",
                new Dictionary<string, object?> { ["agreementId"] = same.Id });
        }
        foreach (var older in standing) older.Supersede(now);
        db.Agreements.Add(agreement);
        audit.Record("agreement.send", "agreement", agreement.Id, couple.Id,
            detail: $"{Words(kind)} v{version.Number}{(policy is { } p ? " " + Data.SnakeCaseEnumConverter<ConfidentialityPolicy>.ToWire(p) : "")}");
        foreach (var partner in couple.Partners) await news.TellAsync(partner, ct);
        return agreement;
    }

    /// <summary>
    /// Asks one partner for the newest version of a form. A waiting request for the same form is a 409, or
    /// (with <paramref name="skipIfWaiting"/>) nothing; a form code that does not exist is a 400 naming <c>formCode</c>.
    /// </summary>
    public async Task<(FormRequest Request, FormDefinition Form)?> RequestFormAsync(Couple couple, Partner partner, string formCode, Guid by,
        bool skipIfWaiting, CancellationToken ct)
    {
        couple.EnsureOpen();
        var form = await forms.LatestOfAsync(formCode, ct) ?? throw new FieldValidationException("formCode", "There is no form with this code.");
        if (await db.FormRequests.AnyAsync(r => r.PartnerId == partner.Id && r.FormCode == form.Code && r.Status == FormRequestStatus.Pending, ct)
            || db.ChangeTracker.Entries<FormRequest>().Any(e => e.State == EntityState.Added && e.Entity.PartnerId == partner.Id && e.Entity.FormCode == form.Code))
        {
            if (skipIfWaiting) return null;
            throw new ConflictException($"{partner.FirstName} already has this form waiting.");
        }
        var request = FormRequest.Ask(couple.Id, partner.Id, form, by, clock.GetUtcNow());
        db.FormRequests.Add(request);
        audit.Record("form_request.create", "form_request", request.Id, couple.Id, detail: $"{form.Code} v{form.Version}");
        await news.TellAsync(partner, ct);
        return (request, form);
    }

    /// <summary>
    /// "Start intake": the consent, the confidentiality policy (and the telehealth consent when asked) sent to both partners,
    /// the intake form asked of each, and the private safety check-in (DESIGN §4a) of any partner without one waiting.
    /// What is already in place is left as it is, so starting twice sends nothing twice.
    /// </summary>
    public async Task<IntakeStarted> StartAsync(Couple couple, IntakeOptions options, Guid by, CancellationToken ct)
    {
        couple.EnsureOpen();
        var kinds = new List<(DocumentKind Kind, ConfidentialityPolicy? Policy)>
            { (DocumentKind.Consent, null), (DocumentKind.ConfidentialityPolicy, options.Policy) };
        if (options.IncludeTelehealth) kinds.Add((DocumentKind.TelehealthConsent, null));
        // All documents are checked before anything is added, so a missing one leaves nothing half-sent.
        var present = await db.Documents.Select(d => d.Kind).ToListAsync(ct);
        var missing = kinds.Where(k => !present.Contains(k.Kind)).Select(k => Words(k.Kind)).ToList();
        if (missing.Count > 0)
            throw new ConflictException($"The practice has no {string.Join(" or ", missing)} document yet: an admin publishes it under Documents first.");
        if (await forms.LatestOfAsync(options.FormCode, ct) is null)
            throw new FieldValidationException("formCode", "There is no form with this code.");

        var agreements = new List<Agreement>();
        foreach (var (kind, policy) in kinds)
            if (await SendAsync(couple, kind, policy, by, skipIfSent: true, ct) is { } sent) agreements.Add(sent);

        var requests = new List<FormRequest>();
        foreach (var partner in couple.Partners.OrderBy(p => p.Label))
            if (await RequestFormAsync(couple, partner, options.FormCode, by, skipIfWaiting: true, ct) is { } made) requests.Add(made.Request);

        var checkIns = 0;
        var now = clock.GetUtcNow();
        foreach (var partner in couple.Partners.OrderBy(p => p.Label))
        {
            if (await db.SafetyChecks.AnyAsync(c => c.PartnerId == partner.Id && c.Status == SafetyCheckStatus.Pending, ct)) continue;
            var check = SafetyCheckRequest.Request(couple.Id, partner.Id, by, SafetyCheckReason.Intake, now);
            db.SafetyChecks.Add(check);
            audit.Record("safety.check_request", "safety_check", check.Id, couple.Id, detail: "intake");
            await news.TellAsync(partner, ct);
            checkIns++;
        }
        audit.Record("couple.intake_start", "couple", couple.Id, couple.Id,
            detail: $"{agreements.Count} agreements, {requests.Count} forms, {checkIns} check-ins");
        return new IntakeStarted(agreements, requests, checkIns);
    }

    public static string Words(DocumentKind kind) => kind switch
    {
        DocumentKind.Consent => "consent",
        DocumentKind.ConfidentialityPolicy => "confidentiality policy",
        DocumentKind.TelehealthConsent => "telehealth consent",
        _ => "release",
    };
}
