using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Time;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Fhir;

/// <summary>The FHIR R4 Bundle as JSON, ready to send as application/fhir+json, with the name to save it under.</summary>
public sealed record FhirBundleJson(string Json, string FileName);

public sealed record ExportCoupleFhirQuery(Guid CoupleId) : IRequest<FhirBundleJson>;

/// <summary>
/// The couple's measures as FHIR R4 (DESIGN §11): each instrument version used as a Questionnaire,
/// each administration as a QuestionnaireResponse and each of its scores as an Observation, so a
/// practice can take its measures to another system. Built and serialised by the Hl7.Fhir.R4 SDK,
/// never by hand. Only the couple's therapist may export it; the export is audited like any read.
/// </summary>
internal sealed class ExportCoupleFhirHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, InstrumentCatalogue catalogue,
    TimeProvider clock, PracticeCalendar calendar) : IRequestHandler<ExportCoupleFhirQuery, FhirBundleJson>
{
    public async Task<FhirBundleJson> Handle(ExportCoupleFhirQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var assessments = await db.Assessments.Where(a => a.CoupleId == couple.Id)
            .OrderBy(a => a.AdministeredOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var bundle = FhirMeasures.Bundle(couple, assessments, catalogue, clock.GetUtcNow());
        audit.Record("couple.fhir_export", "couple", couple.Id, couple.Id, detail: $"{assessments.Count} assessments");
        await db.SaveChangesAsync(ct);
        return new FhirBundleJson(FhirMeasures.ToJson(bundle),
            $"measures-{Couple.InitialsOf(couple.DisplayName)}-{calendar.Today():yyyy-MM-dd}.fhir.json");
    }
}
