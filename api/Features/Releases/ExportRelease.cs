using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.CycleMaps;
using Clinic.Api.Features.Dashboard;
using Clinic.Api.Features.Fhir;
using Clinic.Api.Features.Messaging;
using Clinic.Api.Domain.Messaging;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Releases;

public enum ReleaseExportFormat { Report, Fhir }

public sealed record ReleasedMeasureDto(Guid PartnerId, string PartnerFirstName, string Instrument, DateOnly AdministeredOn,
    IReadOnlyDictionary<string, double> Scores, string? Band);

/// <summary>Homework as a release carries it: what was set and how often each partner did it — never what they wrote.</summary>
public sealed record ReleasedHomeworkDto(string ExerciseCode, string AssignedTo, DateOnly StartsOn, DateOnly DueOn, int TargetPerWeek,
    string Status, IReadOnlyDictionary<string, int> EntriesByPartner);

/// <summary>The progress report limited to what the release includes and to its period; absent parts are null.</summary>
/// <param name="Messages">The release's thread within its period: the joint thread for both partners' release, the partner's own
/// private thread for one partner's — never the other partner's private thread.</param>
public sealed record ReleaseExportDto(Guid ReleaseId, string Recipient, string Purpose, IReadOnlyList<ReleaseContent> Includes, DateOnly From,
    DateOnly To, DateTimeOffset GeneratedAt, string CoupleDisplayName, IReadOnlyList<ReportSessionDto>? Sessions,
    IReadOnlyList<ReleasedMeasureDto>? Measures, IReadOnlyList<ReleasedHomeworkDto>? Homework, CycleMapDto? CycleMap,
    IReadOnlyList<RecordThreadDto>? Messages);

/// <summary>Either a report (JSON) or a FHIR Bundle (JSON text), whichever was asked for.</summary>
public sealed record ReleaseExport(ReleaseExportDto? Report, string? FhirJson);

public sealed record ExportReleaseQuery(Guid CoupleId, Guid ReleaseId, ReleaseExportFormat Format) : IRequest<ReleaseExport>;

/// <summary>
/// The export under a release (DESIGN §13): only while every partner whose record it contains has signed, before
/// it expires and unless revoked (409 otherwise); only what it includes, only its period; never private notes.
/// Each export is audited with the release's id.
/// </summary>
internal sealed class ExportReleaseHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    InstrumentCatalogue instruments, IMediator mediator, TimeProvider clock) : IRequestHandler<ExportReleaseQuery, ReleaseExport>
{
    public async Task<ReleaseExport> Handle(ExportReleaseQuery query, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, query.CoupleId, ct);
        var release = await db.OwnedReleaseAsync(couple, query.ReleaseId, ct);
        release.EnsureExportable(calendar.Today(), couple);
        var includes = release.Includes;
        var now = clock.GetUtcNow();

        var assessments = includes.Contains(ReleaseContent.Measures)
            ? await db.Assessments.Where(a => a.CoupleId == couple.Id && a.AdministeredOn >= release.PeriodFrom && a.AdministeredOn <= release.PeriodTo
                                              && (release.PartnerId == null || a.PartnerId == release.PartnerId))
                .OrderBy(a => a.AdministeredOn).ThenBy(a => a.CreatedAt).ToListAsync(ct)
            : null;

        if (query.Format == ReleaseExportFormat.Fhir)
        {
            if (assessments is null)
                throw new FieldValidationException("format", "This release does not include measures, and a FHIR Bundle carries only measures.");
            audit.Record("release.export", "release", release.Id, couple.Id, detail: $"fhir, {assessments.Count} assessments");
            await db.SaveChangesAsync(ct);
            return new ReleaseExport(null, FhirMeasures.ToJson(FhirMeasures.Bundle(couple, assessments, instruments, now)));
        }

        var order = couple.Partners.OrderBy(p => p.Label).Select(p => p.Id).ToList();
        List<ReportSessionDto>? sessions = null;
        if (includes.Contains(ReleaseContent.Sessions))
        {
            var signed = await db.Sessions.Where(s => s.CoupleId == couple.Id && s.SignedAt != null && s.Date >= release.PeriodFrom && s.Date <= release.PeriodTo)
                .OrderBy(s => s.Date).ThenBy(s => s.StartTime).ToListAsync(ct);
            sessions = signed.Select(s => new ReportSessionDto(s.Id, s.Date, s.StartTime, s.DurationMinutes, s.Attendance, s.EftStage, s.EftStep,
                s.SignedAt!.Value, s.SignedByName,
                (s.Cycle?.Partners ?? []).OrderBy(r => order.IndexOf(r.PartnerId)).Select(r => new ReportRatingDto(r.PartnerId, r.Position, r.Intensity)).ToList(),
                s.Cycle?.EpisodesSinceLastSession, s.Cycle?.PeakIntensity, s.Cycle?.RepairMinutes, s.Cycle?.Triggers ?? [], s.Cycle?.Markers ?? [],
                s.CycleCorrectedAt is not null, Note: null, Amendments: null)).ToList();
        }

        List<ReleasedHomeworkDto>? homework = null;
        if (includes.Contains(ReleaseContent.Homework))
        {
            var assignments = await db.HomeworkAssignments.Where(a => a.CoupleId == couple.Id && a.StartsOn <= release.PeriodTo && a.DueOn >= release.PeriodFrom)
                .OrderBy(a => a.StartsOn).ToListAsync(ct);
            var ids = assignments.Select(a => a.Id).ToList();
            var counts = await db.HomeworkEntries.Where(e => ids.Contains(e.AssignmentId) && e.WithdrawnAt == null
                                                             && e.OccurredOn >= release.PeriodFrom && e.OccurredOn <= release.PeriodTo)
                .GroupBy(e => new { e.AssignmentId, e.AuthorPartnerId }).Select(g => new { g.Key.AssignmentId, g.Key.AuthorPartnerId, Count = g.Count() })
                .ToListAsync(ct);
            homework = assignments.Select(a => new ReleasedHomeworkDto(a.ExerciseCode, Data.SnakeCaseEnumConverter<Domain.Homework.Assignee>.ToWire(a.AssignedTo),
                a.StartsOn, a.DueOn, a.TargetPerWeek, Data.SnakeCaseEnumConverter<Domain.Homework.AssignmentStatus>.ToWire(a.Status),
                couple.Partners.OrderBy(p => p.Label).ToDictionary(p => p.FirstName,
                    p => counts.Where(c => c.AssignmentId == a.Id && c.AuthorPartnerId == p.Id).Sum(c => c.Count)))).ToList();
        }

        var map = includes.Contains(ReleaseContent.CycleMap) ? await mediator.Send(new GetCycleMapQuery(couple.Id), ct) : null;

        List<RecordThreadDto>? messages = null;
        if (includes.Contains(ReleaseContent.Messages))
        {
            // The one thread every signer of this release may read: the joint thread when both signed, the partner's own
            // private thread when one did. The other partner's private thread is never among them.
            var threads = release.PartnerId is { } partnerId
                ? await db.MessageThreads.Where(t => t.CoupleId == couple.Id && t.Kind == ThreadKind.Private && t.PartnerId == partnerId).ToListAsync(ct)
                : await db.MessageThreads.Where(t => t.CoupleId == couple.Id && t.Kind == ThreadKind.Joint).ToListAsync(ct);
            messages = await RecordMessages.ReadAsync(db, couple, threads,
                m => calendar.DateOf(m.CreatedAt) >= release.PeriodFrom && calendar.DateOf(m.CreatedAt) <= release.PeriodTo, ct);
            foreach (var thread in messages)
                audit.Record("message.release", "thread", thread.ThreadId, couple.Id, detail: $"release {release.Id}, {thread.Messages.Count} messages");
        }

        audit.Record("release.export", "release", release.Id, couple.Id, detail: $"report: {string.Join(", ", includes.Select(i => Data.SnakeCaseEnumConverter<ReleaseContent>.ToWire(i)))}");
        await db.SaveChangesAsync(ct);
        return new ReleaseExport(new ReleaseExportDto(release.Id, release.Recipient, release.Purpose, includes, release.PeriodFrom, release.PeriodTo, now,
            couple.DisplayName, sessions,
            assessments?.Select(a => new ReleasedMeasureDto(a.PartnerId, couple.PartnerById(a.PartnerId).FirstName, a.InstrumentCode, a.AdministeredOn,
                a.Scores, a.Band)).ToList(),
            homework, map, messages), null);
    }
}
