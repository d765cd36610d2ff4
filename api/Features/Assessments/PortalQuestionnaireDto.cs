using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Features.Assessments;

public sealed record PortalItemDto(string Id, int Number, string Text);

/// <summary>What the portal needs to render the questionnaire; no scoring keys.</summary>
public sealed record PortalFormDto(string Code, int Version, string Title, string Instructions, ResponseScale Scale,
    IReadOnlyList<PortalItemDto> Items);

public sealed record PortalResultsDto(ScoresDto Scores, AttachmentQuadrant? Quadrant, string? QuadrantNote);

public sealed record PortalQuestionnaireDto(Guid Id, string Instrument, QuestionnaireStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt, bool ResultsShared, PortalFormDto Form, PortalResultsDto? Results);

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
            ? new PortalResultsDto(new ScoresDto(assessment.Avoidance, assessment.Anxiety), assessment.Quadrant, form.Quadrant?.Note)
            : null;
        return new PortalQuestionnaireDto(request.Id, request.Instrument, request.Status, request.RequestedAt, request.CompletedAt,
            request.ShareResultsWithClient,
            new PortalFormDto(form.Code, form.Version, form.Title, form.Instructions, form.Scale,
                form.Items.OrderBy(i => i.Number).Select(i => new PortalItemDto(i.Id, i.Number, i.Text)).ToList()),
            results);
    }
}
