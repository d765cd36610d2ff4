using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Forms;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.MyData;

/// <param name="Text">The agreement's text exactly as it was shown to you (Markdown), and its SHA-256 as a signature records it.</param>
/// <param name="MySignature">Your own signature; never your partner's.</param>
/// <param name="MyDecline">Your own answer when you declined (and have not signed since).</param>
public sealed record MyAgreementDto(string Title, DocumentKind Kind, int DocumentVersion, ConfidentialityPolicy? Policy, DateTimeOffset SentAt,
    bool Superseded, AgreementStatus Status, string Text, string TextSha256, MySignatureDto? MySignature, MyDeclineDto? MyDecline);

/// <summary>
/// The agreements (consent, confidentiality policy…) sent to the couple as the portal shows them to this partner: the
/// text, their own signature or decline — never the other partner's signature details or reason. A superseded
/// agreement is included only when this partner signed it, as in the portal.
/// </summary>
internal sealed class AgreementsSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "agreements";
    public string Title => "Agreements you were asked to sign";
    public int Order => 22;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var me = caller.Me.Id;
        var agreements = await db.Agreements
            .Include(a => a.Signatures.Where(s => s.PartnerId == me))
            .Include(a => a.Declines.Where(d => d.PartnerId == me))
            .Where(a => a.CoupleId == caller.Couple.Id).OrderBy(a => a.SentAt).ToListAsync(ct);
        var versionIds = agreements.Select(a => a.DocumentVersionId).Distinct().ToList();
        var versions = await db.DocumentVersions.Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
        return agreements.Where(a => !a.IsSuperseded || a.SignatureOf(me) is not null).Select(a =>
        {
            var v = versions[a.DocumentVersionId];
            var s = a.SignatureOf(me);
            var d = s is null ? a.LatestDeclineOf(me) : null;
            return new MyAgreementDto(v.Title, a.Kind, v.Number, a.Policy, a.SentAt, a.IsSuperseded, a.StatusOf(me), v.Body, v.BodySha256,
                s is null ? null : new MySignatureDto(s.Method, s.SignedAt, s.TypedName, s.TextSha256, s.PaperSignedOn),
                d is null ? null : new MyDeclineDto(d.DeclinedAt, d.Reason));
        }).ToList();
    }
}

public sealed record MyFormAnswerDto(string Section, string Question, JsonElement Answer);

/// <param name="Answers">What you sent, or what you saved so far for a form not yet sent.</param>
public sealed record MyIntakeFormDto(string Title, FormRequestStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DraftSavedAt,
    DateTimeOffset? CompletedAt, IReadOnlyList<MyFormAnswerDto> Answers);

/// <summary>Intake forms sent to this partner and their own answers (sent or saved so far). Never the other partner's forms.</summary>
internal sealed class IntakeFormsSection(ClinicDbContext db, FormLookup forms) : IMyDataSection
{
    public string Key => "intakeForms";
    public string Title => "Intake forms and your answers";
    public int Order => 24;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var requests = await db.FormRequests.Where(r => r.PartnerId == caller.Me.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var items = new List<MyIntakeFormDto>();
        foreach (var r in requests)
        {
            var form = await forms.GetAsync(r.FormCode, r.FormVersion, ct);
            var given = (IReadOnlyDictionary<string, JsonElement>?)(r.Answers ?? r.Draft) ?? new Dictionary<string, JsonElement>();
            var answers = form.Sections.SelectMany(s => s.Fields.Where(f => given.ContainsKey(f.Name))
                .Select(f => new MyFormAnswerDto(s.Title, f.Label, given[f.Name]))).ToList();
            items.Add(new MyIntakeFormDto(form.Title, r.Status, r.RequestedAt, r.DraftSavedAt, r.CompletedAt, answers));
        }
        return items;
    }
}

/// <param name="Text">The release's text as it was shown to you (Markdown), and its SHA-256.</param>
/// <param name="RevokedByMe">Whether you revoked it (when it was revoked).</param>
public sealed record MyReleaseDto(string Recipient, string Purpose, IReadOnlyList<ReleaseContent> Includes, DateOnly From, DateOnly To,
    DateOnly ExpiresOn, DateTimeOffset CreatedAt, string Text, string TextSha256, DateTimeOffset? MySignedAt, string? MyTypedName,
    DateTimeOffset? RevokedAt, bool RevokedByMe);

/// <summary>
/// Releases of information that name this partner (joint ones, and ones about them alone), with their own signature
/// only. A release about the other partner alone is theirs, not this partner's, as in the portal.
/// </summary>
internal sealed class ReleasesSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "releases";
    public string Title => "Releases of information";
    public int Order => 26;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var me = caller.Me.Id;
        var releases = await db.Releases.Include(r => r.Signatures.Where(s => s.PartnerId == me))
            .Where(r => r.CoupleId == caller.Couple.Id && (r.PartnerId == null || r.PartnerId == me)).OrderBy(r => r.CreatedAt).ToListAsync(ct);
        return releases.Select(r =>
        {
            var s = r.SignatureOf(me);
            return new MyReleaseDto(r.Recipient, r.Purpose, r.Includes, r.PeriodFrom, r.PeriodTo, r.ExpiresOn, r.CreatedAt, r.Text, r.TextSha256,
                s?.SignedAt, s?.TypedName, r.RevokedAt, r.RevokedAt is not null && r.RevokedByPartnerId == me);
        }).ToList();
    }
}
