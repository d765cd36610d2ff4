using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Assessments;

public sealed record QuestionnaireRequestDto(Guid Id, Guid CoupleId, Guid PartnerId, string Instrument, DateTimeOffset RequestedAt,
    bool ShareResultsWithClient, QuestionnaireStatus Status, DateTimeOffset? CompletedAt, Guid? AssessmentId)
{
    public static QuestionnaireRequestDto From(QuestionnaireRequest r) => new(r.Id, r.CoupleId, r.PartnerId, r.Instrument,
        r.RequestedAt, r.ShareResultsWithClient, r.Status, r.CompletedAt, r.AssessmentId);
}
