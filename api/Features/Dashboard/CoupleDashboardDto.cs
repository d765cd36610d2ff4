using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;

namespace Clinic.Api.Features.Dashboard;

public sealed record DashboardPartnerDto(Guid Id, PartnerLabel Label, string FirstName);

public sealed record CyclePointDto(Guid PartnerId, CyclePosition Position, int Intensity);

/// <summary>
/// One session on the pursue–withdraw chart (x = sessions in date order). <c>Corrected</c>: the values
/// are an amendment's correction of the signed record, which the chart marks.
/// </summary>
public sealed record CycleSessionDto(Guid SessionId, DateOnly Date, Attendance Attendance, int EftStage, int EftStep,
    IReadOnlyList<CyclePointDto> Partners, double? MeanIntensity, int? EpisodesSinceLastSession, int? PeakIntensity,
    int? RepairMinutes, IReadOnlyList<string> Markers, bool Corrected);

public sealed record WeeklyAdherenceDto(DateOnly WeekStart, Guid PartnerId, int Entries, double Expected, double? Ratio);

/// <param name="Rci">The RCI where the instrument version judges by one (ECR-RS); null under a published threshold or no verdict.</param>
/// <param name="Trend">The one trend (<see cref="ScoreTrend"/>), as every other screen reads this change.</param>
public sealed record AttachmentChangeDto(string Subscale, double Previous, double Current, double Change, double? Rci,
    bool Reliable, ChangeDirection Direction, string Reading, ScoreTrendDirection Trend);

/// <summary>A point on the attachment plane; the move from the previous point is drawn as reliable only when a change is.</summary>
public sealed record AttachmentPointDto(Guid AssessmentId, Guid PartnerId, DateOnly AdministeredOn, AssessmentSource Source,
    double Avoidance, double Anxiety, AttachmentQuadrant? Quadrant, bool ReliableMove, IReadOnlyList<AttachmentChangeDto> Change);

public sealed record TurnBalanceShareDto(Guid PartnerId, int Needing, int Supporting, double? NeedingShare);

public sealed record CouplePerceptionGapDto(Guid AssignmentId, DateOnly OccurredOn, PerceptionGapKind Kind, Guid NeedingPartnerId,
    Guid? SupportingPartnerId, string Description);

public sealed record StagePointDto(Guid SessionId, DateOnly Date, int EftStage, int EftStep);

public sealed record CoupleDashboardDto(
    Guid CoupleId, string DisplayName, CoupleStatus Status, DateOnly Today,
    IReadOnlyList<DashboardPartnerDto> Partners,
    IReadOnlyList<CycleSessionDto> Cycle, CycleTrendDirection? CycleTrend,
    IReadOnlyList<WeeklyAdherenceDto> WeeklyAdherence,
    IReadOnlyList<AttachmentPointDto> Attachment, string AttachmentNote,
    DateOnly HomeworkWindowFrom, IReadOnlyList<TurnBalanceShareDto> TurnBalance, IReadOnlyList<CouplePerceptionGapDto> PerceptionGaps,
    IReadOnlyList<StagePointDto> StageTimeline,
    IReadOnlyList<MeasureSeriesDto> Measures);
