using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Assessments;

public sealed record ScoresDto(double Avoidance, double Anxiety);

public sealed record SubscaleChangeDto(double Previous, double Current, double Change, double Rci, bool Reliable,
    ChangeDirection Direction, string Reading, double StandardErrorOfDifference, bool ProvisionalParameters);

public sealed record ChangeDto(Guid PreviousAssessmentId, DateOnly PreviousAdministeredOn, SubscaleChangeDto Avoidance,
    SubscaleChangeDto Anxiety);

public sealed record AssessmentDto(Guid Id, Guid CoupleId, Guid PartnerId, string Instrument, int InstrumentVersion,
    DateOnly AdministeredOn, AssessmentSource Source, IReadOnlyDictionary<string, int> Responses, ScoresDto Scores,
    AttachmentQuadrant? Quadrant, string? QuadrantNote, ChangeDto? Change, Guid? QuestionnaireRequestId,
    DateTimeOffset CreatedAt);

/// <summary>Builds the therapist's view of an assessment: scores, soft quadrant label and change.</summary>
internal static class AssessmentViews
{
    /// <param name="history">The partner's other assessments; the previous one is picked from these.</param>
    public static AssessmentDto ToDto(this Assessment assessment, InstrumentCatalogue catalogue, IEnumerable<Assessment> history)
    {
        var instrument = catalogue.Find(assessment.InstrumentCode, assessment.InstrumentVersion)
            ?? throw new InvalidOperationException(
                $"Instrument {assessment.InstrumentCode} v{assessment.InstrumentVersion} is no longer in the catalogue.");
        var previous = Assessment.PreviousOf(assessment, history);
        var change = previous is null ? null : Change(previous, AttachmentChange.Between(instrument, previous.Scores, assessment.Scores));
        return new AssessmentDto(assessment.Id, assessment.CoupleId, assessment.PartnerId, assessment.InstrumentCode,
            assessment.InstrumentVersion, assessment.AdministeredOn, assessment.Source,
            new SortedDictionary<string, int>(assessment.Responses, new ItemIdOrder(instrument)),
            new ScoresDto(assessment.Avoidance, assessment.Anxiety), assessment.Quadrant, instrument.Quadrant?.Note, change,
            assessment.QuestionnaireRequestId, assessment.CreatedAt);
    }

    private static ChangeDto Change(Assessment previous, IReadOnlyList<SubscaleChange> changes)
    {
        SubscaleChangeDto Of(string code)
        {
            var r = changes.Single(c => c.Subscale.Code == code).Result;
            return new SubscaleChangeDto(r.Previous, r.Current, r.Change, r.Rci, r.IsReliable, r.Direction, r.Reading,
                r.DifferenceStandardError, r.ProvisionalParameters);
        }
        return new ChangeDto(previous.Id, previous.AdministeredOn, Of(AttachmentScores.AvoidanceCode), Of(AttachmentScores.AnxietyCode));
    }

    /// <summary>Responses read in questionnaire order (ecrrs-1 … ecrrs-9), not string order (ecrrs-1, ecrrs-10 …).</summary>
    private sealed class ItemIdOrder(InstrumentDefinition instrument) : IComparer<string>
    {
        private readonly Dictionary<string, int> _number = instrument.Items.ToDictionary(i => i.Id, i => i.Number, StringComparer.Ordinal);

        public int Compare(string? x, string? y) =>
            (_number.GetValueOrDefault(x ?? "", int.MaxValue), x).CompareTo((_number.GetValueOrDefault(y ?? "", int.MaxValue), y));
    }
}
