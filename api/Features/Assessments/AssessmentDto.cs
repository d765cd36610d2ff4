using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Assessments;

/// <param name="Method">How the verdict was reached: a published threshold, an RCI, or none (then <paramref name="Reading"/> says why).</param>
/// <param name="Rci">Null unless the method is an RCI.</param>
/// <param name="ThresholdPoints">The smallest change in points that counts as reliable; null when there is no verdict.</param>
/// <param name="Trend">The one trend (<see cref="ScoreTrend"/>), as the dashboards, the caseload and the plan's goals read it.</param>
public sealed record SubscaleChangeDto(double Previous, double Current, double Change, double? Rci, bool Reliable,
    ChangeDirection Direction, string Reading, double? StandardErrorOfDifference, bool ProvisionalParameters,
    ReliableChangeMethod Method, bool VerdictAvailable, double? ThresholdPoints, ScoreTrendDirection Trend)
{
    public static SubscaleChangeDto From(ChangeVerdict v) => new(v.Previous, v.Current, v.Change, v.Rci, v.IsReliable, v.Direction,
        v.Reading, v.DifferenceStandardError, v.ProvisionalParameters, v.Method, v.VerdictAvailable, v.ThresholdPoints,
        ScoreTrend.From(v).Direction);
}

/// <param name="Subscales">Subscale code → its change, judged by that subscale's reliable-change rule.</param>
public sealed record ChangeDto(Guid PreviousAssessmentId, DateOnly PreviousAdministeredOn,
    IReadOnlyDictionary<string, SubscaleChangeDto> Subscales);

/// <param name="Scores">Subscale code → score: <c>{"total": 14}</c> for the sum instruments, ECR-RS <c>{"avoidance", "anxiety"}</c>.</param>
/// <param name="Band">The severity band's code where the instrument has bands (PHQ-9, GAD-7), else null.</param>
/// <param name="Clinical">Subscale code → whether its score is on the clinical side of that subscale's cut-off (CSI-4 below 13.5:
/// <c>{"total": true}</c>), judged by the instrument version the assessment was scored with; only subscales with a cut-off.
/// The screens show it rather than compare the score with the cut-off themselves.</param>
public sealed record AssessmentDto(Guid Id, Guid CoupleId, Guid PartnerId, string Instrument, int InstrumentVersion,
    DateOnly AdministeredOn, AssessmentSource Source, IReadOnlyDictionary<string, int> Responses,
    IReadOnlyDictionary<string, double> Scores, string? Band, string? BandLabel,
    AttachmentQuadrant? Quadrant, string? QuadrantNote, ChangeDto? Change, Guid? QuestionnaireRequestId,
    DateTimeOffset CreatedAt, IReadOnlyDictionary<string, bool> Clinical);

/// <summary>Builds the therapist's view of an assessment: scores, band, soft quadrant label and change.</summary>
internal static class AssessmentViews
{
    /// <param name="history">The partner's other assessments; the previous one is picked from these.</param>
    public static AssessmentDto ToDto(this Assessment assessment, InstrumentCatalogue catalogue, IEnumerable<Assessment> history)
    {
        var instrument = catalogue.Of(assessment);
        var previous = Assessment.PreviousOf(assessment, history);
        var change = previous is null
            ? null
            : new ChangeDto(previous.Id, previous.AdministeredOn, MeasureChange.Between(instrument, previous.Scores, assessment.Scores)
                .ToDictionary(c => c.Key, c => SubscaleChangeDto.From(c.Value)));
        return new AssessmentDto(assessment.Id, assessment.CoupleId, assessment.PartnerId, assessment.InstrumentCode,
            assessment.InstrumentVersion, assessment.AdministeredOn, assessment.Source,
            new SortedDictionary<string, int>(assessment.Responses, new ItemIdOrder(instrument)),
            ScoresOf(assessment, instrument), assessment.Band, BandLabel(assessment, instrument),
            assessment.Quadrant, instrument.Quadrant?.Note, change, assessment.QuestionnaireRequestId, assessment.CreatedAt,
            ClinicalOf(assessment, instrument));
    }

    /// <summary>Each score with a cut-off, on which side of it the score falls (the version's own cut-off).</summary>
    public static IReadOnlyDictionary<string, bool> ClinicalOf(Assessment assessment, InstrumentDefinition instrument) =>
        instrument.Subscales.Where(s => s.CutOff is not null && assessment.Scores.ContainsKey(s.Code))
            .ToDictionary(s => s.Code, s => s.CutOff!.IsClinical(assessment.Scores[s.Code]));

    /// <summary>Scores in the catalogue's subscale order.</summary>
    public static IReadOnlyDictionary<string, double> ScoresOf(Assessment assessment, InstrumentDefinition instrument) =>
        instrument.Subscales.Where(s => assessment.Scores.ContainsKey(s.Code))
            .ToDictionary(s => s.Code, s => assessment.Scores[s.Code]);

    public static string? BandLabel(Assessment assessment, InstrumentDefinition instrument) =>
        assessment.Band is { } code ? instrument.BandedSubscale?.Bands?.FirstOrDefault(b => b.Code == code)?.Label : null;

    /// <summary>Responses read in questionnaire order (ecrrs-1 … ecrrs-9), not string order (ecrrs-1, ecrrs-10 …).</summary>
    private sealed class ItemIdOrder(InstrumentDefinition instrument) : IComparer<string>
    {
        private readonly Dictionary<string, int> _number = instrument.Items.ToDictionary(i => i.Id, i => i.Number, StringComparer.Ordinal);

        public int Compare(string? x, string? y) =>
            (_number.GetValueOrDefault(x ?? "", int.MaxValue), x).CompareTo((_number.GetValueOrDefault(y ?? "", int.MaxValue), y));
    }
}
