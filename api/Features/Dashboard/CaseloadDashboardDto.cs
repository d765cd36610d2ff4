using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;

namespace Clinic.Api.Features.Dashboard;

/// <param name="RecentMeanIntensities">Mean partner intensity of the last (up to) three rated sessions, oldest first.</param>
/// <param name="UnreadMessages">Messages from the partners in the couple's threads that the therapist has not read yet.</param>
/// <param name="LastSessionOn">The last session that took place — written, or a held appointment not written up yet — from which
/// the "no session for 21 days" alert counts (<see cref="CaseloadAlerts.LastSessionOn"/>).</param>
/// <param name="NextSessionOn">The next booked appointment starting after now (<see cref="Domain.Appointments.Appointment.UpcomingAfter"/>).</param>
/// <param name="Adherence14Days">Homework entries ÷ expected over the last 14 days across every assignment for the days it ran (HomeworkWindows), 0–1.</param>
public sealed record CaseloadRowDto(
    Guid CoupleId, string DisplayName, CoupleStatus Status, DateOnly StartedOn,
    int SessionCount, DateOnly? LastSessionOn, DateOnly? NextSessionOn,
    int? CurrentEftStage, int? CurrentEftStep,
    CycleTrendDirection? CycleTrend, IReadOnlyList<double> RecentMeanIntensities,
    double? Adherence14Days, int PendingQuestionnaires, IReadOnlyList<CaseloadAlert> Alerts, int UnreadMessages = 0);

/// <param name="Waitlist">My waitlist at a glance: how many couples wait, the longest wait, and where the list is.</param>
public sealed record CaseloadDashboardDto(DateOnly Today, IReadOnlyList<CaseloadRowDto> Rows, global::Clinic.Api.Features.Waitlist.WaitlistSummaryDto Waitlist);
