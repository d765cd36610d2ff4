using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Domain.Signatures;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Forms;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

public sealed record DemoAgreementsFile(string DefaultPolicy, Dictionary<string, JsonElement> IntakeAnswers, List<DemoCoupleAgreements> Couples)
{
    [System.Text.Json.Serialization.JsonPropertyName("_comment")] public string? Comment { get; init; }
}

/// <summary>One couple's exceptions to "everything signed": states per partner ("a", "b").</summary>
public sealed record DemoCoupleAgreements(string Couple, string? Policy = null, int? SentDaysAgo = null,
    Dictionary<string, string>? Consent = null, Dictionary<string, string>? Confidentiality = null, Dictionary<string, string>? IntakeForm = null);

/// <summary>
/// The practice's documents from seeds/documents (one per kind, the file's first heading as its title) and the demo couples'
/// agreements and intake forms from seeds/demo/agreements.json, written through the domain (a typed name must be the
/// partner's own, as in the portal). A document or a couple that already has agreements is left as it is, so a second load
/// changes nothing; no email is sent.
/// </summary>
internal sealed class DemoAgreements(ClinicDbContext db, FormCatalogue forms, ILogger<DemoAgreements> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };
    private static readonly SignerContext Seed = new(null, "Clinic demo seed");

    public async Task<int> LoadAsync(string seedsDirectory, IReadOnlyList<DemoCouple> couples, DateOnly today, CancellationToken ct = default)
    {
        var documents = await DocumentsAsync(Path.Combine(seedsDirectory, "documents"), today, ct);
        var file = JsonSerializer.Deserialize<DemoAgreementsFile>(File.ReadAllText(Path.Combine(seedsDirectory, "demo", "agreements.json")), Json)
                   ?? throw new InvalidDataException("seeds/demo/agreements.json is empty.");
        var intake = forms.All.Where(f => f.Code == IntakeOptions.DefaultFormCode).MaxBy(f => f.Version)
                     ?? throw new InvalidDataException("The couples intake form is missing from seeds/forms.");
        var added = 0;
        foreach (var demo in couples)
        {
            var couple = await db.Couples.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == SeedIds.For($"demo/couple/{demo.Key}"), ct);
            if (couple is null || await db.Agreements.AnyAsync(a => a.CoupleId == couple.Id, ct)) continue;
            var spec = file.Couples.SingleOrDefault(c => c.Couple == demo.Key) ?? new DemoCoupleAgreements(demo.Key);
            var sentOn = today.AddDays(-(spec.SentDaysAgo ?? Math.Max(demo.StartedDaysAgo - 1, 0)));
            var policy = SnakeCaseEnumConverter<ConfidentialityPolicy>.TryFromWire(spec.Policy ?? file.DefaultPolicy, out var p)
                ? p : throw new InvalidDataException($"Couple {demo.Key}: unknown policy '{spec.Policy}'.");
            AddAgreement(couple, demo, documents[DocumentKind.Consent], DocumentKind.Consent, null, spec.Consent, sentOn);
            AddAgreement(couple, demo, documents[DocumentKind.ConfidentialityPolicy], DocumentKind.ConfidentialityPolicy, policy,
                spec.Confidentiality, sentOn);
            foreach (var label in new[] { "a", "b" })
                AddForm(couple, demo, intake, label, spec.IntakeForm?.GetValueOrDefault(label) ?? "completed", file.IntakeAnswers, sentOn);
            added++;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo agreements: {Couples} couples given agreements and intake forms", added);
        return added;
    }

    private async Task<Dictionary<DocumentKind, DocumentVersion>> DocumentsAsync(string directory, DateOnly today, CancellationToken ct)
    {
        var versions = new Dictionary<DocumentKind, DocumentVersion>();
        foreach (var kind in Enum.GetValues<DocumentKind>())
        {
            var wire = SnakeCaseEnumConverter<DocumentKind>.ToWire(kind);
            var existing = await db.Documents.Include(d => d.Versions).SingleOrDefaultAsync(d => d.Kind == kind, ct);
            if (existing is not null)
            {
                versions[kind] = existing.Versions.Single(v => v.Number == existing.CurrentVersion);
                continue;
            }
            var body = File.ReadAllText(Path.Combine(directory, wire + ".md")).ReplaceLineEndings("\n");
            var title = body.Split('\n').FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim()
                        ?? throw new InvalidDataException($"seeds/documents/{wire}.md needs a '# Title' line.");
            var document = PracticeDocument.Create(kind, title, body, null, SeedIds.At(today.AddDays(-400)));
            SeedIds.Stamp(document, SeedIds.For($"demo/document/{wire}"));
            var version = document.Versions.Single();
            SeedIds.Stamp(version, SeedIds.For($"demo/document/{wire}/v1"));
            SeedIds.Stamp(version, document.Id, nameof(DocumentVersion.DocumentId));
            db.Documents.Add(document);
            versions[kind] = version;
        }
        return versions;
    }

    private void AddAgreement(Couple couple, DemoCouple demo, DocumentVersion version, DocumentKind kind, ConfidentialityPolicy? policy,
        Dictionary<string, string>? states, DateOnly sentOn)
    {
        var wire = SnakeCaseEnumConverter<DocumentKind>.ToWire(kind);
        var agreement = Agreement.Send(couple.Id, version, kind, policy, couple.TherapistId, SeedIds.At(sentOn));
        SeedIds.Stamp(agreement, SeedIds.For($"demo/couple/{demo.Key}/agreement/{wire}"));
        foreach (var (partner, label) in new[] { (couple.PartnerA, "a"), (couple.PartnerB, "b") })
        {
            var state = states?.GetValueOrDefault(label) ?? (partner.UserId is null ? "paper" : "electronic");
            var at = SeedIds.At(sentOn.AddDays(label == "a" ? 1 : 2), new TimeOnly(20, 15));
            switch (state)
            {
                case "electronic":
                    if (partner.UserId is null) throw new InvalidDataException($"Couple {demo.Key}: partner {label} has no portal account to sign in.");
                    var signed = agreement.SignElectronically(partner, new SignatureRequest($"{partner.FirstName} {partner.LastName}", true), version.Body, Seed,
                        at, out _);
                    SeedIds.Stamp(signed, SeedIds.For($"demo/couple/{demo.Key}/agreement/{wire}/{label}"));
                    break;
                case "paper":
                    var paper = agreement.RecordPaper(partner, sentOn, "Signed in the first session.", couple.TherapistId, at);
                    SeedIds.Stamp(paper, SeedIds.For($"demo/couple/{demo.Key}/agreement/{wire}/{label}"));
                    break;
                case "declined":
                    var declined = agreement.Decline(partner, "I would like to talk about it in a session first.", at);
                    SeedIds.Stamp(declined, SeedIds.For($"demo/couple/{demo.Key}/agreement/{wire}/{label}/declined"));
                    break;
                case "pending":
                    break;
                default:
                    throw new InvalidDataException($"Couple {demo.Key}: unknown agreement state '{state}'.");
            }
        }
        db.Agreements.Add(agreement);
    }

    private void AddForm(Couple couple, DemoCouple demo, FormDefinition form, string label, string state,
        Dictionary<string, JsonElement> answers, DateOnly sentOn)
    {
        if (state == "none") return;
        var partner = label == "a" ? couple.PartnerA : couple.PartnerB;
        var request = FormRequest.Ask(couple.Id, partner.Id, form, couple.TherapistId, SeedIds.At(sentOn));
        SeedIds.Stamp(request, SeedIds.For($"demo/couple/{demo.Key}/intake/{label}"));
        var at = SeedIds.At(sentOn.AddDays(3), new TimeOnly(21, 0));
        switch (state)
        {
            case "completed":
                request.Complete(answers, at);
                break;
            case "draft":
                request.SaveDraft(answers.Where(a => a.Key is "yearsTogether" or "livingTogether" or "relationshipHistory").ToDictionary(), at);
                break;
            case "pending":
                break;
            default:
                throw new InvalidDataException($"Couple {demo.Key}: unknown form state '{state}'.");
        }
        db.FormRequests.Add(request);
    }
}
