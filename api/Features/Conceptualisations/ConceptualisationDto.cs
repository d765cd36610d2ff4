using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Conceptualisations;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.TreatmentPlans;

namespace Clinic.Api.Features.Conceptualisations;

/// <summary>
/// A couple's case conceptualisation as the therapist (or their supervisor, read-only) reads it: the saved version's
/// sections, or before the first save (<c>version</c> 0, <c>draft</c> true) sections drafted from the record.
/// <c>Record</c> is the record as it is now, whichever sections are shown — what a section may be refilled from.
/// </summary>
public sealed record ConceptualisationDto(Guid CoupleId, int Version, bool Draft, DateTimeOffset? SavedAt, string? SavedByName,
    ConceptualisationSections Sections, ConceptualisationRecordDto? Record);

/// <summary>One saved version, as it was saved, newest first.</summary>
public sealed record ConceptualisationVersionDto(int Version, DateTimeOffset SavedAt, string SavedByName, ConceptualisationSections Sections);

/// <summary>
/// The record a conceptualisation is drafted from: presenting concerns, each partner's attachment (ECR-RS), the current
/// cycle map, stage and step over time, the change events marked on sessions, the Tango moves used, each measure first
/// vs latest, the current plan's goals — and <c>Drafted</c>, those facts written out section by section.
/// </summary>
public sealed record ConceptualisationRecordDto(string PresentingConcerns, IReadOnlyList<ConceptualisationPartnerDto> Partners,
    ConceptualisationCycleDto? Cycle, IReadOnlyList<StageProgressDto> Progress, IReadOnlyList<ChangeEventDto> ChangeEvents,
    IReadOnlyList<TangoMoveSummaryDto> TangoMoves, int ExcerptCandidates, IReadOnlyList<ClosingMeasureDto> Measures,
    IReadOnlyList<ConceptualisationGoalDto> Goals, ConceptualisationSections Drafted);

/// <summary>A partner's attachment: the latest ECR-RS style (Bartholomew's soft label over the scores) and every administration.</summary>
public sealed record ConceptualisationPartnerDto(Guid PartnerId, PartnerLabel Label, string FirstName, AttachmentQuadrant? Style,
    IReadOnlyList<AttachmentScoreDto> Attachment);

public sealed record AttachmentScoreDto(DateOnly AdministeredOn, double Avoidance, double Anxiety, AttachmentQuadrant? Style);

/// <summary>The current cycle map's version, each partner's side and the way out.</summary>
public sealed record ConceptualisationCycleDto(int Version, IReadOnlyList<ConceptualisationCycleSideDto> Sides, string Exit);

public sealed record ConceptualisationCycleSideDto(Guid PartnerId, string FirstName, string Trigger, IReadOnlyList<string> Moves,
    string MoveInOwnWords, string Feeling, string Fear, string Need);

/// <summary>A held session's stage and step, oldest first.</summary>
public sealed record StageProgressDto(DateOnly Date, int Stage, int Step);

/// <summary>A change event marked on a session's cycle record (blamer softening, withdrawer re-engagement, …).</summary>
public sealed record ChangeEventDto(Guid SessionId, DateOnly Date, int Stage, string Marker);

/// <summary>How often a Tango move was used: in how many sessions, first and last.</summary>
public sealed record TangoMoveSummaryDto(string Move, int Sessions, DateOnly FirstOn, DateOnly LastOn);

/// <summary>A current plan goal with its progress reading from the record (null without a measure).</summary>
public sealed record ConceptualisationGoalDto(Guid Id, GoalOwner Owner, string Statement, GoalStatus Status, string? Progress);
