using Clinic.Api.Data;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Booking;

/// <param name="Status">pending (default: waiting for a partner or for me), awaiting_therapist, or all of the last 30 days.</param>
public sealed record ListBookingRequestsQuery(string? Status) : IRequest<IReadOnlyList<BookingRequestDto>>;

public sealed class ListBookingRequestsValidator : AbstractValidator<ListBookingRequestsQuery>
{
    public static readonly string[] Statuses = ["pending", "awaiting_therapist", "all"];

    public ListBookingRequestsValidator() =>
        RuleFor(q => q.Status).Must(s => Statuses.Contains(s)).When(q => q.Status is not null)
            .WithMessage("Status is pending, awaiting_therapist or all.");
}

/// <summary>The booking requests of my caseload, soonest first: those waiting for me to approve, and those waiting for a partner.</summary>
internal sealed class ListBookingRequestsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<ListBookingRequestsQuery, IReadOnlyList<BookingRequestDto>>
{
    public async Task<IReadOnlyList<BookingRequestDto>> Handle(ListBookingRequestsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var requests = db.BookingRequests.Where(r => db.Couples.OwnedBy(user).Any(c => c.Id == r.CoupleId));
        requests = (query.Status ?? "pending") switch
        {
            "awaiting_therapist" => requests.Where(BookingRequest.PendingAt(now)).Where(r => r.Status == BookingRequestStatus.AwaitingTherapist),
            "all" => requests.Where(r => r.CreatedAt >= now.AddDays(-30)),
            _ => requests.Where(BookingRequest.PendingAt(now)),
        };
        var rows = await requests.OrderBy(r => r.StartsAt).Take(200).ToListAsync(ct);
        var coupleIds = rows.Select(r => r.CoupleId).Distinct().ToList();
        var couples = await db.Couples.Include(c => c.Partners).Where(c => coupleIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        audit.Record("booking_request.list", "booking_request", null, null);
        await db.SaveChangesAsync(ct);
        return rows.Select(r => BookingRequestViews.Therapist(r, couples[r.CoupleId], now)).ToList();
    }
}

/// <param name="ConfirmOverlap">Book it although it overlaps another of my appointments.</param>
/// <param name="ConfirmSafety">Book a joint time although a safety flag is open or joint sessions are paused (audited).</param>
public sealed record ApproveBookingRequestCommand(bool? ConfirmOverlap, bool? ConfirmSafety) : IRequest<BookingRequestDto>
{
    internal Guid Id { get; init; }
}

/// <summary>The therapist approves a time every attending partner agreed to: it is booked (or the appointment moved) and everyone is told.</summary>
internal sealed class ApproveBookingRequestHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    BookingDesk desk) : IRequestHandler<ApproveBookingRequestCommand, BookingRequestDto>
{
    public async Task<BookingRequestDto> Handle(ApproveBookingRequestCommand command, CancellationToken ct)
    {
        var request = await db.OwnedBookingRequestAsync(user, command.Id, ct);
        var couple = await db.OwnedCoupleAsync(user, request.CoupleId, ct);
        var now = clock.GetUtcNow();
        request.EnsureStatus(BookingRequestStatus.AwaitingTherapist, now);
        await desk.BookAsync(request, couple, user.Id, now, new TherapistApproval(command.ConfirmOverlap, command.ConfirmSafety), ct);
        audit.Record("booking_request.approve", "booking_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return BookingRequestViews.Therapist(request, couple, now);
    }
}

public sealed record DeclineBookingRequestCommand(Guid Id) : IRequest<BookingRequestDto>;

/// <summary>The therapist declines: the partners who attend hear there is something new in their portal, and see it there.</summary>
internal sealed class DeclineBookingRequestHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    BookingNotices notices) : IRequestHandler<DeclineBookingRequestCommand, BookingRequestDto>
{
    public async Task<BookingRequestDto> Handle(DeclineBookingRequestCommand command, CancellationToken ct)
    {
        var request = await db.OwnedBookingRequestAsync(user, command.Id, ct);
        var couple = await db.OwnedCoupleAsync(user, request.CoupleId, ct);
        var now = clock.GetUtcNow();
        request.Decline(user.Id, now);
        foreach (var partner in couple.Partners.Where(p => request.AttendedBy(p.Label))) await notices.TellPartnerAsync(partner, ct);
        audit.Record("booking_request.decline", "booking_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return BookingRequestViews.Therapist(request, couple, now);
    }
}

internal static class BookingRequestOwnership
{
    /// <summary>A booking request of my caseload, tracked; any other is not found.</summary>
    public static async Task<BookingRequest> OwnedBookingRequestAsync(this ClinicDbContext db, ICurrentUser user, Guid id, CancellationToken ct) =>
        await db.BookingRequests.AsTracking().Where(r => db.Couples.OwnedBy(user).Any(c => c.Id == r.CoupleId))
            .SingleOrDefaultAsync(r => r.Id == id, ct) ?? throw new NotFoundException("booking request", id);
}
