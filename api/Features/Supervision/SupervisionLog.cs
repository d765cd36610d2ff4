using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Csv;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Supervision;

/// <summary>A couple discussed: always its initials; its name only while the caller may still see the couple.</summary>
public sealed record DiscussedCoupleDto(Guid CoupleId, string Initials, string? DisplayName);

public sealed record SupervisionMeetingDto(Guid Id, DateOnly MetOn, int DurationMinutes, SupervisionMeetingFormat Format,
    IReadOnlyList<DiscussedCoupleDto> Couples, string Notes, DateTimeOffset CreatedAt);

/// <summary>Hours of supervision in a calendar month ("2026-11"), split by format, as a certification application counts them.</summary>
public sealed record SupervisionMonthTotalDto(string Month, int Meetings, int Minutes, double Hours, int IndividualMinutes, int GroupMinutes);

/// <summary>Everything logged in the period asked for (since and until are inclusive; null is unbounded).</summary>
public sealed record SupervisionTotalDto(DateOnly? Since, DateOnly? Until, int Meetings, int Minutes, double Hours, int IndividualMinutes,
    int GroupMinutes);

/// <summary>The caller's supervision log: the meetings newest first, totals by month (newest first) and for the period.</summary>
public sealed record SupervisionLogDto(IReadOnlyList<SupervisionMeetingDto> Meetings, IReadOnlyList<SupervisionMonthTotalDto> ByMonth,
    SupervisionTotalDto Total);

public sealed record LogSupervisionMeetingCommand(DateOnly? MetOn, int? DurationMinutes, SupervisionMeetingFormat? Format,
    IReadOnlyList<Guid>? CoupleIds, string? Notes) : IRequest<SupervisionMeetingDto>;

public sealed class LogSupervisionMeetingValidator : AbstractValidator<LogSupervisionMeetingCommand>
{
    public LogSupervisionMeetingValidator()
    {
        RuleFor(c => c.MetOn).NotNull();
        RuleFor(c => c.DurationMinutes).NotNull().InclusiveBetween(1, SupervisionMeeting.MaxDurationMinutes);
        RuleFor(c => c.Format).NotNull();
        RuleFor(c => c.CoupleIds).Must(ids => ids!.Count <= SupervisionMeeting.MaxCouples).When(c => c.CoupleIds is not null)
            .WithMessage($"At most {SupervisionMeeting.MaxCouples} couples.");
        RuleForEach(c => c.CoupleIds).NotEmpty();
        RuleFor(c => c.Notes).MaximumLength(SupervisionMeeting.MaxNotesLength);
    }
}

internal sealed class LogSupervisionMeetingHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<LogSupervisionMeetingCommand, SupervisionMeetingDto>
{
    public async Task<SupervisionMeetingDto> Handle(LogSupervisionMeetingCommand command, CancellationToken ct)
    {
        var today = calendar.Today();
        var errors = new Dictionary<string, string[]>();
        if (command.MetOn > today) errors["metOn"] = ["Log a meeting once it has taken place."];
        var ids = command.CoupleIds ?? [];
        var visible = await db.VisibleCoupleIds(user, today, ids, ct);
        for (var i = 0; i < ids.Count; i++)
            if (!visible.Contains(ids[i])) errors[$"coupleIds[{i}]"] = ["No couple you may see has this id."];
        if (errors.Count > 0) throw new FieldValidationException(errors);

        var meeting = SupervisionMeeting.Log(user.Id, command.MetOn!.Value, command.DurationMinutes!.Value, command.Format!.Value, ids,
            command.Notes ?? "", clock.GetUtcNow());
        db.SupervisionMeetings.Add(meeting);
        // Each couple's trail shows it was discussed in supervision.
        foreach (var coupleId in meeting.Couples.Select(c => c.CoupleId))
            audit.Record("supervision.meeting_create", "supervision_meeting", meeting.Id, coupleId);
        if (meeting.Couples.Count == 0) audit.Record("supervision.meeting_create", "supervision_meeting", meeting.Id, null);
        await db.SaveChangesAsync(ct);
        return (await SupervisionLogReader.MeetingsAsync(db, user, today, db.SupervisionMeetings.Where(m => m.Id == meeting.Id), ct)).Single();
    }
}

public sealed record GetSupervisionMeetingQuery(Guid Id) : IRequest<SupervisionMeetingDto>;

/// <summary>One meeting of the caller's own log; anyone else's is a 404.</summary>
internal sealed class GetSupervisionMeetingHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<GetSupervisionMeetingQuery, SupervisionMeetingDto>
{
    public async Task<SupervisionMeetingDto> Handle(GetSupervisionMeetingQuery query, CancellationToken ct)
    {
        var meeting = (await SupervisionLogReader.MeetingsAsync(db, user, calendar.Today(),
                db.SupervisionMeetings.Where(m => m.Id == query.Id && m.TherapistId == user.Id), ct)).SingleOrDefault()
            ?? throw new NotFoundException("supervision meeting", query.Id);
        audit.Record("supervision.meeting_read", "supervision_meeting", meeting.Id, null);
        await db.SaveChangesAsync(ct);
        return meeting;
    }
}

public sealed record ListSupervisionMeetingsQuery(DateOnly? Since, DateOnly? Until) : IRequest<SupervisionLogDto>;

public sealed class ListSupervisionMeetingsValidator : AbstractValidator<ListSupervisionMeetingsQuery>
{
    public ListSupervisionMeetingsValidator() =>
        RuleFor(q => q.Until).GreaterThanOrEqualTo(q => q.Since).When(q => q.Since is not null && q.Until is not null)
            .WithName("until").WithMessage("until is on or after since.");
}

internal sealed class ListSupervisionMeetingsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListSupervisionMeetingsQuery, SupervisionLogDto>
{
    public async Task<SupervisionLogDto> Handle(ListSupervisionMeetingsQuery query, CancellationToken ct)
    {
        var log = await SupervisionLogReader.LogAsync(db, user, calendar.Today(), query.Since, query.Until, ct);
        audit.Record("supervision.meeting_list", "supervision_meeting", null, null);
        await db.SaveChangesAsync(ct);
        return log;
    }
}

public sealed record ExportSupervisionMeetingsQuery(DateOnly? Since, DateOnly? Until, bool IncludeNotes) : IRequest<string>;

public sealed class ExportSupervisionMeetingsValidator : AbstractValidator<ExportSupervisionMeetingsQuery>
{
    public ExportSupervisionMeetingsValidator() =>
        RuleFor(q => q.Until).GreaterThanOrEqualTo(q => q.Since).When(q => q.Since is not null && q.Until is not null)
            .WithName("until").WithMessage("until is on or after since.");
}

/// <summary>The log as CSV for a certification application: couples by initials only, notes only when asked for.</summary>
internal sealed class ExportSupervisionMeetingsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ExportSupervisionMeetingsQuery, string>
{
    public async Task<string> Handle(ExportSupervisionMeetingsQuery query, CancellationToken ct)
    {
        var log = await SupervisionLogReader.LogAsync(db, user, calendar.Today(), query.Since, query.Until, ct);
        audit.Record("supervision.meeting_export", "supervision_meeting", null, null, detail: query.IncludeNotes ? "with notes" : null);
        await db.SaveChangesAsync(ct);
        return SupervisionLogCsv.Render(log, query.IncludeNotes);
    }
}

internal static class SupervisionLogReader
{
    /// <summary>Of these couples, the ones the caller may see today: their own, or a supervisee's under an active link.</summary>
    public static async Task<HashSet<Guid>> VisibleCoupleIds(this ClinicDbContext db, ICurrentUser user, DateOnly today,
        IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        var owned = await db.Couples.OwnedBy(user).Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        var supervised = await db.SupervisedCouples(user, today).Where(c => ids.Contains(c.CoupleId)).Select(c => c.CoupleId).ToListAsync(ct);
        return [.. owned, .. supervised];
    }

    public static async Task<List<SupervisionMeetingDto>> MeetingsAsync(ClinicDbContext db, ICurrentUser user, DateOnly today,
        IQueryable<SupervisionMeeting> meetings, CancellationToken ct)
    {
        var rows = await meetings.AsNoTracking().Include(m => m.Couples)
            .OrderByDescending(m => m.MetOn).ThenByDescending(m => m.CreatedAt).ToListAsync(ct);
        var coupleIds = rows.SelectMany(m => m.Couples.Select(c => c.CoupleId)).Distinct().ToList();
        var names = await db.Couples.Where(c => coupleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        var visible = await db.VisibleCoupleIds(user, today, coupleIds, ct);
        return rows.Select(m => new SupervisionMeetingDto(m.Id, m.MetOn, m.DurationMinutes, m.Format,
            m.Couples.Select(c => new DiscussedCoupleDto(c.CoupleId, Couple.InitialsOf(names.GetValueOrDefault(c.CoupleId, "")),
                visible.Contains(c.CoupleId) ? names.GetValueOrDefault(c.CoupleId) : null)).ToList(),
            m.Notes, m.CreatedAt)).ToList();
    }

    public static async Task<SupervisionLogDto> LogAsync(ClinicDbContext db, ICurrentUser user, DateOnly today, DateOnly? since,
        DateOnly? until, CancellationToken ct)
    {
        var query = db.SupervisionMeetings.Where(m => m.TherapistId == user.Id);
        if (since is { } from) query = query.Where(m => m.MetOn >= from);
        if (until is { } to) query = query.Where(m => m.MetOn <= to);
        var meetings = await MeetingsAsync(db, user, today, query, ct);
        var byMonth = meetings.GroupBy(m => m.MetOn.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .OrderByDescending(g => g.Key)
            .Select(g => new SupervisionMonthTotalDto(g.Key, g.Count(), g.Sum(m => m.DurationMinutes), Hours(g.Sum(m => m.DurationMinutes)),
                Minutes(g, SupervisionMeetingFormat.Individual), Minutes(g, SupervisionMeetingFormat.Group)))
            .ToList();
        var minutes = meetings.Sum(m => m.DurationMinutes);
        return new SupervisionLogDto(meetings, byMonth, new SupervisionTotalDto(since, until, meetings.Count, minutes, Hours(minutes),
            Minutes(meetings, SupervisionMeetingFormat.Individual), Minutes(meetings, SupervisionMeetingFormat.Group)));
    }

    private static int Minutes(IEnumerable<SupervisionMeetingDto> meetings, SupervisionMeetingFormat format) =>
        meetings.Where(m => m.Format == format).Sum(m => m.DurationMinutes);

    /// <summary>Hours to two decimals, as an application form asks for them (50 minutes = 0.83).</summary>
    public static double Hours(int minutes) => Math.Round(minutes / 60.0, 2, MidpointRounding.AwayFromZero);
}

internal static class SupervisionLogCsv
{
    public static string Render(SupervisionLogDto log, bool includeNotes)
    {
        var csv = new StringBuilder();
        csv.Append(CsvText.Row(includeNotes
            ? ["Date", "Minutes", "Hours", "Format", "Couples discussed", "Notes"]
            : ["Date", "Minutes", "Hours", "Format", "Couples discussed"]));
        foreach (var m in log.Meetings.OrderBy(m => m.MetOn))
        {
            string?[] cells = [m.MetOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Number(m.DurationMinutes),
                Number(SupervisionLogReader.Hours(m.DurationMinutes)), Format(m.Format), string.Join(" ", m.Couples.Select(c => c.Initials))];
            csv.Append(CsvText.Row(includeNotes ? [.. cells, m.Notes] : cells));
        }
        csv.Append("\r\n").Append(CsvText.Row(["Month", "Meetings", "Hours", "Individual hours", "Group hours"]));
        foreach (var month in log.ByMonth.OrderBy(t => t.Month, StringComparer.Ordinal))
            csv.Append(CsvText.Row([month.Month, Number(month.Meetings), Number(month.Hours),
                Number(SupervisionLogReader.Hours(month.IndividualMinutes)), Number(SupervisionLogReader.Hours(month.GroupMinutes))]));
        var t = log.Total;
        var period = t.Since is null && t.Until is null ? "Total"
            : $"Total {t.Since?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "…"} to {t.Until?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "today"}";
        csv.Append(CsvText.Row([period, Number(t.Meetings), Number(t.Hours), Number(SupervisionLogReader.Hours(t.IndividualMinutes)),
            Number(SupervisionLogReader.Hours(t.GroupMinutes))]));
        return csv.ToString();
    }

    private static string Format(SupervisionMeetingFormat format) => format == SupervisionMeetingFormat.Group ? "group" : "individual";

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
