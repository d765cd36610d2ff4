using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Appointments;

public sealed record ListCoupleAppointmentsQuery(Guid CoupleId, int? Page, int? PageSize) : IRequest<Paged<AppointmentDto>>, IPagedRequest;

public sealed class ListCoupleAppointmentsValidator : AbstractValidator<ListCoupleAppointmentsQuery>
{
    public ListCoupleAppointmentsValidator() => this.AddPagingRules();
}

/// <summary>A couple's appointments, the latest first: upcoming ones, then what was held, cancelled or missed.</summary>
internal sealed class ListCoupleAppointmentsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListCoupleAppointmentsQuery, Paged<AppointmentDto>>
{
    public async Task<Paged<AppointmentDto>> Handle(ListCoupleAppointmentsQuery query, CancellationToken ct)
    {
        var couple = await db.Couples.OwnedBy(user).Where(c => c.Id == query.CoupleId)
            .Select(c => new { c.Id, c.DisplayName }).SingleOrDefaultAsync(ct) ?? throw new NotFoundException("couple", query.CoupleId);
        var page = await db.Appointments.Where(a => a.CoupleId == couple.Id)
            .OrderByDescending(a => a.StartsAt).ThenBy(a => a.Id)
            .Select(a => new { Appointment = a, SessionId = db.Sessions.Where(s => s.AppointmentId == a.Id).Select(s => (Guid?)s.Id).FirstOrDefault() })
            .ToPagedAsync(query, ct);
        audit.Record("appointment.list", "appointment", null, couple.Id);
        await db.SaveChangesAsync(ct);
        return new Paged<AppointmentDto>(page.Items.Select(r => AppointmentViews.Dto(r.Appointment, couple.DisplayName, r.SessionId, calendar)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}

public sealed record CalendarDto(DateOnly From, DateOnly To, string TimeZone, IReadOnlyList<AppointmentDto> Items);

/// <param name="From">First day shown (practice's date); default: Monday of this week.</param>
/// <param name="To">Day after the last one shown; default: two weeks after <paramref name="From"/>. At most 62 days.</param>
public sealed record GetMyCalendarQuery(DateOnly? From, DateOnly? To) : IRequest<CalendarDto>;

public sealed class GetMyCalendarValidator : AbstractValidator<GetMyCalendarQuery>
{
    public const int MaxDays = 62;

    public GetMyCalendarValidator()
    {
        RuleFor(q => q.To).GreaterThan(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("'to' must be after 'from'.");
        RuleFor(q => q.To).Must((q, to) => to!.Value.DayNumber - q.From!.Value.DayNumber <= MaxDays)
            .When(q => q.From is not null && q.To is not null)
            .WithMessage($"Ask for at most {MaxDays} days at a time.");
    }
}

/// <summary>The signed-in therapist's appointments across their caseload, for the week calendar.</summary>
internal sealed class GetMyCalendarHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<GetMyCalendarQuery, CalendarDto>
{
    public async Task<CalendarDto> Handle(GetMyCalendarQuery query, CancellationToken ct)
    {
        var today = calendar.Today();
        var from = query.From ?? today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var to = query.To ?? from.AddDays(14);
        // The same limits when only one end is given (the other is its default): never a range the rules would refuse.
        if (to <= from)
            throw new FieldValidationException(query.To is null ? "from" : "to", "'to' must be after 'from'.");
        if (to.DayNumber - from.DayNumber > GetMyCalendarValidator.MaxDays)
            throw new FieldValidationException(query.To is null ? "from" : "to", $"Ask for at most {GetMyCalendarValidator.MaxDays} days at a time.");
        var start = WallClock.ToInstant(from.ToDateTime(TimeOnly.MinValue), calendar.Zone) ?? from.ToDateTime(TimeOnly.MinValue);
        var end = WallClock.ToInstant(to.ToDateTime(TimeOnly.MinValue), calendar.Zone) ?? to.ToDateTime(TimeOnly.MinValue);
        var rows = await db.Appointments
            .Where(a => a.TherapistId == user.Id && a.StartsAt >= start && a.StartsAt < end)
            .Join(db.Couples.OwnedBy(user), a => a.CoupleId, c => c.Id, (a, c) => new
            {
                Appointment = a, c.DisplayName,
                SessionId = db.Sessions.Where(s => s.AppointmentId == a.Id).Select(s => (Guid?)s.Id).FirstOrDefault(),
            })
            .OrderBy(r => r.Appointment.StartsAt).ToListAsync(ct);
        audit.Record("appointment.calendar", "appointment", null, null);
        await db.SaveChangesAsync(ct);
        return new CalendarDto(from, to, calendar.Zone.Id,
            rows.Select(r => AppointmentViews.Dto(r.Appointment, r.DisplayName, r.SessionId, calendar)).ToList());
    }
}
