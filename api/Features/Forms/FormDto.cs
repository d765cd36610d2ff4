using System.Text.Json;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Forms;

namespace Clinic.Api.Features.Forms;

public sealed record IntakeFormSummaryDto(string Code, int Version, string Title, string? Intro, FormSource Source, int SectionCount, int FieldCount);

public sealed record IntakeFormListDto(IReadOnlyList<IntakeFormSummaryDto> Items);

/// <summary>A form as it is answered: its sections and fields, in the homework entry field language.</summary>
public sealed record IntakeFormDto(string Code, int Version, string Title, string? Intro, IReadOnlyList<FormSection> Sections);

/// <summary>A request as the therapist lists it (no answers).</summary>
public sealed record FormRequestSummaryDto(Guid Id, Guid PartnerId, PartnerLabel PartnerLabel, string PartnerFirstName, string FormCode,
    int FormVersion, string Title, FormRequestStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DraftSavedAt, DateTimeOffset? CompletedAt);

public sealed record FormRequestListDto(IReadOnlyList<FormRequestSummaryDto> Items);

/// <summary>A partner's submitted answers with the form they answered, for the therapist; <c>Answers</c> is null until sent.</summary>
public sealed record FormRequestDto(Guid Id, Guid PartnerId, PartnerLabel PartnerLabel, string PartnerFirstName, FormRequestStatus Status,
    DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt, IntakeFormDto Form, IReadOnlyDictionary<string, JsonElement>? Answers);

/// <summary>The portal's own request: the form, and the partner's answers so far (their draft) or as sent.</summary>
public sealed record PortalIntakeFormDto(Guid Id, FormRequestStatus Status, DateTimeOffset RequestedAt, DateTimeOffset? DraftSavedAt,
    DateTimeOffset? CompletedAt, IntakeFormDto Form, IReadOnlyDictionary<string, JsonElement> Answers);

public sealed record PortalIntakeFormSummaryDto(Guid Id, string Title, FormRequestStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? DraftSavedAt, DateTimeOffset? CompletedAt, int SectionCount);

public sealed record PortalIntakeFormListDto(IReadOnlyList<PortalIntakeFormSummaryDto> Items);

internal static class FormViews
{
    public static IntakeFormDto ToDto(this FormDefinition f) => new(f.Code, f.Version, f.Title, f.Intro, f.Sections);

    public static IntakeFormSummaryDto ToSummary(this FormDefinition f, FormSource source) =>
        new(f.Code, f.Version, f.Title, f.Intro, source, f.Sections.Count, f.Fields.Count());

    /// <summary>
    /// Checks answers against the form: unknown fields and wrong types are 400s naming <c>answers.{field}</c>;
    /// with <paramref name="complete"/> a required field left empty is one too. Returns the values as stored.
    /// </summary>
    public static Dictionary<string, JsonElement> Check(this FormDefinition form, IReadOnlyDictionary<string, JsonElement> answers,
        bool complete, out IReadOnlyDictionary<string, string[]> errors)
    {
        var fields = form.Fields.Select(f => complete ? f : f with { Required = false }).ToList();
        var collected = new FieldErrors();
        var values = FieldAnswers.Read(fields, answers, "answers", collected);
        errors = collected.ToDictionary();
        return values.ToDictionary(v => v.Key, v => v.Value switch
        {
            FieldValue.Text t => JsonSerializer.SerializeToElement(t.Value),
            FieldValue.Boolean b => JsonSerializer.SerializeToElement(b.Value),
            FieldValue.Integer i => JsonSerializer.SerializeToElement(i.Value),
            FieldValue.Choice c => JsonSerializer.SerializeToElement(c.Value),
            _ => throw new InvalidOperationException("Unhandled field value."),
        }, StringComparer.Ordinal);
    }
}
