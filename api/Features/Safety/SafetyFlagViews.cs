using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Features.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <summary>Turns stored flags into the therapist's view, whichever raised them: a check-in, or a questionnaire's risk item.</summary>
internal sealed class SafetyFlagViews(ClinicDbContext db, SafetyCatalogue checkIns, InstrumentCatalogue instruments)
{
    public async Task<List<SafetyFlagDto>> ToDtosAsync(IReadOnlyCollection<SafetyFlag> flags,
        IReadOnlyDictionary<Guid, PartnerLabel> labels, CancellationToken ct)
    {
        var assessmentIds = flags.Where(f => f.AssessmentId is not null).Select(f => f.AssessmentId!.Value).ToList();
        var assessments = assessmentIds.Count == 0
            ? []
            : await db.Assessments.Where(a => assessmentIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return flags.Select(f => f.AssessmentId is { } id
                ? SafetyMapping.QuestionnaireFlag(instruments.Of(assessments[id]), f, labels[f.PartnerId])
                : SafetyMapping.Flag(checkIns.Definition, f, labels[f.PartnerId]))
            .ToList();
    }
}
