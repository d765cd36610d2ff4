using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Assessments;

/// <param name="Scale">This item's answer options in the form's order; the value of the one chosen is the answer.</param>
/// <param name="Preamble">An instruction the form prints before this item.</param>
public sealed record PortalItemDto(string Id, int Number, string Text, ResponseScale Scale, string? Preamble);

/// <summary>What the portal needs to render the questionnaire; no scoring keys, risk items or cut-offs.</summary>
/// <param name="Licence">The notice shown wherever the items are shown.</param>
/// <param name="Scoring">Sum instruments report whole-number totals, mean ones two decimals.</param>
public sealed record PortalFormDto(string Code, int Version, string Title, string Instructions, ResponseScale Scale,
    IReadOnlyList<PortalItemDto> Items, string Licence, ScoringMethod Scoring);

/// <summary>One shared score as the partner reads it: what it measures, its value and its range.</summary>
public sealed record PortalScoreDto(string Code, string Label, double Value, double Min, double Max);

public sealed record PortalResultsDto(IReadOnlyDictionary<string, double> Scores, IReadOnlyList<PortalScoreDto> Subscales,
    string? BandLabel, AttachmentQuadrant? Quadrant, string? QuadrantNote);

/// <param name="Draft">My answers saved so far while the questionnaire is pending; null when none are saved.</param>
public sealed record PortalQuestionnaireDto(Guid Id, string Instrument, QuestionnaireStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt, bool ResultsShared, PortalFormDto Form, PortalResultsDto? Results,
    IReadOnlyDictionary<string, int>? Draft, DateTimeOffset? DraftSavedAt);

/// <summary>A questionnaire as the partner it was sent to sees it: the form, and scores only when shared.</summary>
internal static class PortalQuestionnaireViews
{
    public static PortalQuestionnaireDto ToPortalDto(this QuestionnaireRequest request, InstrumentCatalogue catalogue, Assessment? assessment)
    {
        var form = assessment is not null
            ? catalogue.Find(assessment.InstrumentCode, assessment.InstrumentVersion)
            : catalogue.Latest(request.Instrument);
        if (form is null) throw new InvalidOperationException($"Instrument {request.Instrument} is no longer in the catalogue.");
        // Scores reach the client only when the therapist chose to share them when asking.
        var results = request.ShareResultsWithClient && request.Status == QuestionnaireStatus.Completed && assessment is not null
            ? new PortalResultsDto(AssessmentViews.ScoresOf(assessment, form),
                form.Subscales.Where(s => assessment.Scores.ContainsKey(s.Code)).Select(s => new PortalScoreDto(s.Code, s.Label,
                    assessment.Scores[s.Code], s.Range?.Min ?? 0, s.Range?.Max ?? 0)).ToList(),
                AssessmentViews.BandLabel(assessment, form), assessment.Quadrant, form.Quadrant?.Note)
            : null;
        return new PortalQuestionnaireDto(request.Id, request.Instrument, request.Status, request.RequestedAt, request.CompletedAt,
            request.ShareResultsWithClient,
            new PortalFormDto(form.Code, form.Version, form.Title, form.Instructions, form.Scale,
                form.Items.OrderBy(i => i.Number).Select(i => new PortalItemDto(i.Id, i.Number, i.Text, form.ScaleOf(i), i.Preamble)).ToList(),
                form.Licence!, form.Scoring!.Value),
            results, request.IsPending ? request.Draft : null, request.IsPending ? request.DraftSavedAt : null);
    }
}
