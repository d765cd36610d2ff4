using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Messaging;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Dashboard;

public sealed record ReportRatingDto(Guid PartnerId, CyclePosition Position, int Intensity);

/// <summary>
/// A signed session as the report lists it. <c>Note</c> and <c>Amendments</c> are present only when the
/// therapist asked for private notes; <c>CycleCorrected</c> says the values are an amendment's correction.
/// </summary>
public sealed record ReportSessionDto(Guid Id, DateOnly Date, TimeOnly StartTime, int DurationMinutes, Attendance Attendance,
    int EftStage, int EftStep, DateTimeOffset SignedAt, string? SignedByName, IReadOnlyList<ReportRatingDto> Partners,
    int? EpisodesSinceLastSession, int? PeakIntensity, int? RepairMinutes, IReadOnlyList<string> Triggers, IReadOnlyList<string> Markers,
    bool CycleCorrected, string? Note, IReadOnlyList<string>? Amendments);

/// <summary>
/// The couple's progress report: the dashboard's series and the signed sessions, for printing or a spreadsheet, and — once
/// the case is closed — its signed closing summary (a document of the record like a signed session, not a private note).
/// </summary>
/// <param name="Threads">The message threads the therapist chose to include (none unless asked), each whole, oldest first.</param>
public sealed record CoupleReportDto(DateTimeOffset GeneratedAt, bool IncludesNotes, CoupleDashboardDto Dashboard,
    IReadOnlyList<ReportSessionDto> Sessions, TreatmentPlans.ClosingSummaryDto? ClosingSummary, IReadOnlyList<RecordThreadDto> Threads);

/// <param name="Threads">Ids of the couple's message threads to include (from GET /api/couples/{id}/threads).</param>
public sealed record GetCoupleReportQuery(Guid CoupleId, bool IncludeNotes, IReadOnlyList<Guid>? Threads = null) : IRequest<CoupleReportDto>;

/// <summary>
/// The same numbers the couple dashboard draws (read through it, so the report can never disagree with
/// the charts), plus each signed session. Private notes leave the record only when the therapist ticks
/// them, and the audit row says which kind of report was taken.
/// </summary>
internal sealed class GetCoupleReportHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IMediator mediator, TimeProvider clock)
    : IRequestHandler<GetCoupleReportQuery, CoupleReportDto>
{
    public async Task<CoupleReportDto> Handle(GetCoupleReportQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var dashboard = await mediator.Send(new GetCoupleDashboardQuery(couple.Id), ct);
        var sessions = await db.Sessions.Include(s => s.Amendments)
            .Where(s => s.CoupleId == couple.Id && s.SignedAt != null)
            .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ToListAsync(ct);
        var order = couple.Partners.OrderBy(p => p.Label).Select(p => p.Id).ToList();
        var closing = await db.ClosingSummaries.SingleOrDefaultAsync(c => c.CoupleId == couple.Id, ct);
        var threads = await ChosenThreadsAsync(couple, query.Threads, ct);

        audit.Record("couple.report", "couple", couple.Id, couple.Id, detail: (query.IncludeNotes ? "with private notes" : "without notes")
                                                                             + (threads.Count > 0 ? $", {threads.Count} message threads" : ""));
        // Each thread leaving the record is a read of it, audited as one.
        foreach (var thread in threads)
            audit.Record("message.report", "thread", thread.ThreadId, couple.Id, detail: $"{thread.Messages.Count} messages");
        await db.SaveChangesAsync(ct);

        return new CoupleReportDto(clock.GetUtcNow(), query.IncludeNotes, dashboard, sessions.Select(s => new ReportSessionDto(
            s.Id, s.Date, s.StartTime, s.DurationMinutes, s.Attendance, s.EftStage, s.EftStep, s.SignedAt!.Value, s.SignedByName,
            (s.Cycle?.Partners ?? []).OrderBy(r => order.IndexOf(r.PartnerId)).Select(r => new ReportRatingDto(r.PartnerId, r.Position, r.Intensity)).ToList(),
            s.Cycle?.EpisodesSinceLastSession, s.Cycle?.PeakIntensity, s.Cycle?.RepairMinutes, s.Cycle?.Triggers ?? [], s.Cycle?.Markers ?? [],
            s.CycleCorrectedAt is not null,
            query.IncludeNotes ? s.Note : null,
            query.IncludeNotes ? s.Amendments.OrderBy(a => a.CreatedAt).Select(a => $"{a.CreatedAt:yyyy-MM-dd} {a.AuthorName}: {a.Text}").ToList() : null)).ToList(),
            closing is null ? null : TreatmentPlans.GetClosingSummaryHandler.ToDto(closing), threads);
    }

    /// <summary>Only this couple's threads: an id of another couple's thread (or none at all) is refused, never read.</summary>
    private async Task<List<RecordThreadDto>> ChosenThreadsAsync(Domain.Couples.Couple couple, IReadOnlyList<Guid>? chosen, CancellationToken ct)
    {
        var ids = (chosen ?? []).Distinct().ToList();
        if (ids.Count == 0) return [];
        var threads = await db.MessageThreads.Where(t => t.CoupleId == couple.Id && ids.Contains(t.Id)).ToListAsync(ct);
        if (threads.Count != ids.Count)
            throw new FieldValidationException("threads", "Choose among this couple's message threads.");
        return await RecordMessages.ReadAsync(db, couple, threads, keep: null, ct);
    }
}
