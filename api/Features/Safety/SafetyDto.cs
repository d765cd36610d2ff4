using System.Text.Json;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;

namespace Clinic.Api.Features.Safety;

/// <param name="OpenFlagSources">What raised the open flags, in words a banner can name ("PHQ-9 item 9", "Check-in"), each once.</param>
public sealed record SafetySummaryDto(bool HasOpenFlag, bool JointSessionsPaused, bool NeedsJointConfirmation,
    IReadOnlyList<string> OpenFlagSources);

/// <param name="Flagged">True when this answer is not the item's safest one.</param>
public sealed record SafetyAnswerDto(string Item, string Question, string Answer, string AnswerLabel, bool Flagged);

public sealed record SafetyCheckDto(Guid Id, Guid PartnerId, PartnerLabel PartnerLabel, SafetyCheckReason Reason,
    SafetyCheckStatus Status, DateTimeOffset RequestedAt, Guid RequestedBy, DateTimeOffset? AnsweredAt,
    IReadOnlyList<SafetyAnswerDto>? Answers, Guid? FlagId);

public enum SafetyFlagSource
{
    /// <summary>A private check-in answer (DESIGN §4a).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("check_in")] CheckIn,
    /// <summary>A questionnaire's risk item (PHQ-9 item 9 above 0).</summary>
    [System.Text.Json.Serialization.JsonStringEnumMemberName("questionnaire")] Questionnaire,
}

/// <param name="SafetyCheckId">The check-in that raised the flag; null for a questionnaire's risk item.</param>
/// <param name="AssessmentId">The questionnaire answer that raised the flag; null for a check-in.</param>
/// <param name="Instrument">The questionnaire's code ("PHQ-9") when it raised the flag.</param>
/// <param name="SourceLabel">What raised it, named as the therapist should read it: "PHQ-9 item 9" for a questionnaire's risk item, "Check-in" for a check-in.</param>
public sealed record SafetyFlagDto(Guid Id, Guid PartnerId, PartnerLabel PartnerLabel, SafetyFlagSource Source, string SourceLabel, Guid? SafetyCheckId,
    Guid? AssessmentId, string? Instrument, DateTimeOffset RaisedAt, IReadOnlyList<SafetyFlagReason> Reasons, string? FreeText,
    SafetyFlagStatus Status, DateTimeOffset? ResolvedAt, Guid? ResolvedBy, string? ResolutionNote);

public sealed record RiskRecordRevisionDto(int Revision, ViolenceLevel Violence, bool SubstanceMisuse,
    SelfHarmRisk SelfHarmRisk, bool JointSessionsPaused, string PlanNotes, DateTimeOffset UpdatedAt, Guid UpdatedBy);

/// <param name="Recorded">False until the therapist first saves one; the values are then the defaults and version is null.</param>
/// <param name="History">Every saved state, newest first (the current one included).</param>
public sealed record RiskRecordDto(Guid PartnerId, PartnerLabel PartnerLabel, bool Recorded, ViolenceLevel Violence,
    bool SubstanceMisuse, SelfHarmRisk SelfHarmRisk, bool JointSessionsPaused, string PlanNotes,
    DateTimeOffset? UpdatedAt, Guid? UpdatedBy, int Revision, uint? Version, IReadOnlyList<RiskRecordRevisionDto> History);

public sealed record SafetyOverviewDto(Guid CoupleId, SafetySummaryDto Summary, IReadOnlyList<SafetyFlagDto> Flags,
    IReadOnlyList<SafetyCheckDto> Checks, IReadOnlyList<RiskRecordDto> RiskRecords);

/// <summary>
/// Maps stored safety rows to therapist DTOs. Answers are stored by stable item name; the wording
/// comes from the catalogue, falling back to the raw value for an item the catalogue no longer has.
/// </summary>
internal static class SafetyMapping
{
    public const string CheckInSourceLabel = "Check-in";

    public static string SerialiseAnswers(IReadOnlyDictionary<string, FieldValue> values) =>
        JsonSerializer.Serialize(values.ToDictionary(p => p.Key, p => p.Value switch
        {
            FieldValue.Choice c => c.Value,
            FieldValue.Text t => t.Value,
            _ => throw new InvalidOperationException("Safety check items are choices or text."),
        }));

    public static Dictionary<string, string> ReadAnswers(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];

    public static IReadOnlyList<SafetyAnswerDto> Answers(SafetyCheckDefinition definition, string json)
    {
        var answers = ReadAnswers(json);
        var known = definition.Items.Where(i => answers.ContainsKey(i.Name)).Select(i =>
        {
            var value = answers[i.Name];
            var label = i.Options?.FirstOrDefault(o => o.Value == value)?.Label ?? value;
            return new SafetyAnswerDto(i.Name, i.Label, value, label, i.SafestAnswer is not null && value != i.SafestAnswer);
        });
        var unknown = answers.Keys.Where(k => definition.Items.All(i => i.Name != k))
            .Select(k => new SafetyAnswerDto(k, k, answers[k], answers[k], false));
        return known.Concat(unknown).ToList();
    }

    public static SafetyFlagDto Flag(SafetyCheckDefinition definition, SafetyFlag flag, PartnerLabel label)
    {
        var answers = ReadAnswers(flag.Answers);
        var reasons = flag.Reasons.Select(item =>
        {
            var definitionItem = definition.Items.FirstOrDefault(i => i.Name == item);
            var answer = answers.GetValueOrDefault(item) ?? "";
            var answerLabel = definitionItem?.Options?.FirstOrDefault(o => o.Value == answer)?.Label ?? answer;
            return new SafetyFlagReason(item, answer, answerLabel, definitionItem?.FlagReason ?? item);
        }).ToList();
        var freeText = definition.Items.Where(i => i.Type == FieldType.Text)
            .Select(i => answers.GetValueOrDefault(i.Name)).FirstOrDefault(t => t is not null);
        return new SafetyFlagDto(flag.Id, flag.PartnerId, label, SafetyFlagSource.CheckIn, CheckInSourceLabel, flag.SafetyCheckId, null, null,
            flag.RaisedAt, reasons, freeText, flag.Status, flag.ResolvedAt, flag.ResolvedBy, flag.ResolutionNote);
    }

    /// <summary>A flag raised by a questionnaire's risk item: the item, the answer as the partner saw it and the instrument's own reason.</summary>
    public static SafetyFlagDto QuestionnaireFlag(InstrumentDefinition instrument, SafetyFlag flag, PartnerLabel label)
    {
        var answers = ReadAnswers(flag.Answers);
        var reasons = flag.Reasons.Select(itemId =>
        {
            var item = instrument.Items.FirstOrDefault(i => i.Id == itemId);
            var answer = answers.GetValueOrDefault(itemId) ?? "";
            var answerLabel = item is not null && int.TryParse(answer, System.Globalization.CultureInfo.InvariantCulture, out var value)
                ? instrument.ScaleOf(item).Anchors.FirstOrDefault(a => a.Value == value)?.Label ?? answer
                : answer;
            var reason = instrument.RiskItems?.FirstOrDefault(r => r.Item == itemId)?.Reason ?? itemId;
            return new SafetyFlagReason(itemId, answer, answerLabel, reason);
        }).ToList();
        // "PHQ-9 item 9": the instrument and the printed number of each risk item that raised it.
        var sourceLabel = string.Join(", ", flag.Reasons.Select(itemId =>
            instrument.Items.FirstOrDefault(i => i.Id == itemId) is { } item ? $"{instrument.Code} item {item.Number}" : $"{instrument.Code} {itemId}"));
        return new SafetyFlagDto(flag.Id, flag.PartnerId, label, SafetyFlagSource.Questionnaire, sourceLabel, null, flag.AssessmentId, instrument.Code,
            flag.RaisedAt, reasons, null, flag.Status, flag.ResolvedAt, flag.ResolvedBy, flag.ResolutionNote);
    }

    public static SafetyCheckDto Check(SafetyCheckDefinition definition, SafetyCheckRequest check, PartnerLabel label,
        Guid? flagId) =>
        new(check.Id, check.PartnerId, label, check.Reason, check.Status, check.RequestedAt, check.RequestedBy,
            check.AnsweredAt, check.Answers is null ? null : Answers(definition, check.Answers), flagId);

    public static RiskRecordDto Risk(Partner partner, RiskRecord? record, IEnumerable<RiskRecordRevision> history) =>
        record is null
            ? new RiskRecordDto(partner.Id, partner.Label, false, ViolenceLevel.None, false, SelfHarmRisk.None, false, "",
                null, null, 0, null, [])
            : new RiskRecordDto(partner.Id, partner.Label, true, record.Violence, record.SubstanceMisuse, record.SelfHarmRisk,
                record.JointSessionsPaused, record.PlanNotes, record.UpdatedAt, record.UpdatedBy, record.Revision,
                record.Version, history.OrderByDescending(h => h.Revision).Select(h => new RiskRecordRevisionDto(h.Revision,
                    h.Violence, h.SubstanceMisuse, h.SelfHarmRisk, h.JointSessionsPaused, h.PlanNotes, h.UpdatedAt,
                    h.UpdatedBy)).ToList());
}
