using System.Globalization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Domain.Waitlist;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Appointments;
using Clinic.Api.Features.Auth;
using Clinic.Api.Features.Booking;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Waitlist;

/// <param name="StartsAt">Local date-time in the practice's zone.</param>
/// <param name="DurationMinutes">Defaults to my joint session length (working hours).</param>
/// <param name="Format">in_person (default) or video.</param>
/// <param name="Policy">The confidentiality policy to start intake with when they accept (agreements, forms and check-ins are sent
/// then); without it, only the safety check-ins are asked and I start intake from the couple's page.</param>
/// <param name="ConfirmOverlap">Offer it although it overlaps another of my appointments.</param>
public sealed record OfferWaitlistTimeCommand(DateTime? StartsAt, int? DurationMinutes, AppointmentFormat? Format, ConfidentialityPolicy? Policy,
    bool? ConfirmOverlap) : IRequest<WaitlistEntryDto>
{
    internal Guid Id { get; init; }
}

public sealed class OfferWaitlistTimeValidator : AbstractValidator<OfferWaitlistTimeCommand>
{
    public OfferWaitlistTimeValidator()
    {
        RuleFor(c => c.StartsAt).NotNull().WithMessage("Give the time to offer (local time in the practice's zone).");
        RuleFor(c => c.DurationMinutes).InclusiveBetween(Appointment.MinDurationMinutes, Appointment.MaxDurationMinutes);
    }
}

/// <summary>
/// Offers a waiting couple a first appointment: both partners get an email with a link that works once, for 48 hours (or
/// until the time, if sooner). A second offer replaces the first, whose link stops working. The time is not held: whoever
/// books it first has it, and accepting a time taken meanwhile is a 409.
/// </summary>
internal sealed class OfferWaitlistTimeHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar, BookingDesk desk, Outbox outbox) : IRequestHandler<OfferWaitlistTimeCommand, WaitlistEntryDto>
{
    public async Task<WaitlistEntryDto> Handle(OfferWaitlistTimeCommand command, CancellationToken ct)
    {
        var entry = await db.OwnedWaitlistEntryAsync(user, command.Id, ct);
        var now = clock.GetUtcNow();
        var startsAt = AppointmentRules.Instant(command.StartsAt!.Value, calendar, now);
        var duration = command.DurationMinutes ?? (await desk.AvailabilityOfAsync(user.Id, ct)).JointMinutes;
        var format = command.Format ?? AppointmentFormat.InPerson;
        var details = new AppointmentDetails(startsAt, calendar.Zone.Id, duration, Attendees.Both, format, null, "");
        var overlapConfirmed = await AppointmentRules.RequireNoOverlapAsync(db, user.Id, details, null, command.ConfirmOverlap, ct);
        if (command.Policy is not null)
        {
            var present = await db.Documents.Select(d => d.Kind).ToListAsync(ct);
            if (!present.Contains(DocumentKind.Consent) || !present.Contains(DocumentKind.ConfidentialityPolicy))
                throw new ConflictException("The practice has no consent or confidentiality policy document yet: an admin publishes them " +
                                            "under Documents first, or offer the time without a policy and start intake later.");
        }

        var token = entry.Offer(new WaitlistOfferDetails(startsAt, calendar.Zone.Id, duration, format, command.Policy, overlapConfirmed), now);
        foreach (var contact in new[] { entry.PartnerA, entry.PartnerB })
            outbox.Send(MessageKinds.WaitlistOffer, contact.Email, WaitlistEmails.Offer(outbox.Writer, entry, token),
                new Recipients(null, null, entry.Id));
        audit.Record("waitlist.offer", "waitlist_entry", entry.Id, null,
            detail: $"{startsAt:yyyy-MM-dd'T'HH:mm'Z'}{(overlapConfirmed ? ", overlap confirmed" : "")}");
        await db.SaveChangesAsync(ct);
        return WaitlistViews.Dto(entry, now, calendar.Zone);
    }
}

/// <summary>The offer a link holds, as its page shows it before they accept: when, how long, how, until when the link works.</summary>
/// <param name="StartsAt">Local date-time in <paramref name="TimeZone"/>.</param>
/// <param name="Accepted">True once accepted (the answer to accepting).</param>
public sealed record WaitlistOfferViewDto(string PracticeName, DateTime StartsAt, DateTimeOffset StartsAtUtc, string TimeZone, int DurationMinutes,
    AppointmentFormat Format, DateTimeOffset ExpiresAt, bool Accepted);

public sealed record CheckWaitlistOfferCommand(string? Token) : IRequest<WaitlistOfferViewDto>;

public sealed record AcceptWaitlistOfferCommand(string? Token) : IRequest<WaitlistOfferViewDto>;

public sealed class CheckWaitlistOfferValidator : AbstractValidator<CheckWaitlistOfferCommand>
{
    public CheckWaitlistOfferValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

public sealed class AcceptWaitlistOfferValidator : AbstractValidator<AcceptWaitlistOfferCommand>
{
    public AcceptWaitlistOfferValidator() => RuleFor(c => c.Token).NotEmpty().MaximumLength(200);
}

/// <summary>Whether an offer's link still works, and what it offers; changes nothing.</summary>
internal sealed class CheckWaitlistOfferHandler(ClinicDbContext db, TimeProvider clock, EmailWriter writer)
    : IRequestHandler<CheckWaitlistOfferCommand, WaitlistOfferViewDto>
{
    public async Task<WaitlistOfferViewDto> Handle(CheckWaitlistOfferCommand command, CancellationToken ct)
    {
        var hash = Invitation.Hash(command.Token!);
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(e => e.OfferTokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (entry is null) throw new FieldValidationException("token", WaitlistEntry.LinkInvalidMessage);
        WaitlistOfferLink.EnsureValid(entry, now);
        return WaitlistOfferLink.View(entry, writer, accepted: false);
    }
}

/// <summary>
/// The couple accepts the time offered (DESIGN §16): in one transaction the couple is made on the therapist's caseload in
/// intake, the appointment is booked (both partners get it with the calendar file, the therapist hears of it), both
/// partners are invited to the portal, and intake starts — with the policy the therapist chose when offering, or else the
/// safety check-ins alone. The link works once: a second use, an expired or replaced link is a 400 naming the token; a
/// time taken meanwhile is a 409 and changes nothing.
/// </summary>
internal sealed class AcceptWaitlistOfferHandler(ClinicDbContext db, AuditTrail audit, TimeProvider clock, PracticeCalendar calendar,
    AppointmentNotices notices, BookingNotices bookingNotices, IntakeStarter intake, Outbox outbox)
    : IRequestHandler<AcceptWaitlistOfferCommand, WaitlistOfferViewDto>
{
    public async Task<WaitlistOfferViewDto> Handle(AcceptWaitlistOfferCommand command, CancellationToken ct)
    {
        var hash = Invitation.Hash(command.Token!);
        var entry = await db.WaitlistEntries.AsTracking().SingleOrDefaultAsync(e => e.OfferTokenHash == hash, ct);
        var now = clock.GetUtcNow();
        if (entry is null || entry.OfferStateAt(now) != WaitlistOfferState.Valid)
        {
            audit.Record("waitlist.accept", "waitlist_entry", entry?.Id, entry?.CoupleId, AuditOutcome.Denied,
                entry is null ? "unknown_token" : Data.SnakeCaseEnumConverter<WaitlistOfferState>.ToWire(entry.OfferStateAt(now)));
            await db.SaveChangesAsync(ct);
            if (entry is null) throw new FieldValidationException("token", WaitlistEntry.LinkInvalidMessage);
            WaitlistOfferLink.EnsureValid(entry, now);
        }

        var therapistId = entry!.TherapistId;
        var couple = Couple.Open(therapistId, entry.DetailsOf(PartnerLabel.PartnerA), entry.DetailsOf(PartnerLabel.PartnerB), "", "",
            calendar.Today(), now);
        db.Couples.Add(couple);
        var details = new AppointmentDetails(entry.OfferStartsAt!.Value, entry.OfferTimeZone!, entry.OfferDurationMinutes!.Value, Attendees.Both,
            entry.OfferFormat ?? AppointmentFormat.InPerson, null, "");
        var end = details.StartsAt.AddMinutes(details.DurationMinutes);
        var clash = await db.Appointments.Where(a => a.TherapistId == therapistId).Where(Appointment.Overlapping(details.StartsAt, end)).AnyAsync(ct);
        if (clash && !entry.OfferOverlapConfirmed)
            throw new ConflictException("This time has just been taken. Please contact the practice: they will offer you another.",
                new Dictionary<string, object?> { ["timeTaken"] = true });

        var appointment = Appointment.Book(couple, details, therapistId, now, overlapConfirmed: clash);
        db.Appointments.Add(appointment);
        entry.Accept(couple, now);
        audit.Record("waitlist.accept", "waitlist_entry", entry.Id, couple.Id, detail: "Accepted by the couple from the offer's link.");
        audit.Record("couple.create", "couple", couple.Id, couple.Id, detail: $"From waitlist entry {entry.Id}.");
        audit.Record("appointment.book", "appointment", appointment.Id, couple.Id, detail: $"From waitlist entry {entry.Id}.");
        // Two steps in one transaction: the invitations and emails name the partners, whose rows must be there first.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);

        notices.Booked(appointment, couple);
        await bookingNotices.TellTherapistAsync(appointment, TherapistNews.FromWaitlist, ct);
        foreach (var partner in couple.Partners)
        {
            var (invitation, token) = Invitation.ForPartner(partner.Id, therapistId, now);
            db.Invitations.Add(invitation);
            outbox.Send(MessageKinds.PortalInvitation, partner.Email, InvitationEmails.Portal(outbox.Writer, token),
                new Recipients(null, partner.Id, invitation.Id));
            audit.Record("partner.invite", "partner", partner.Id, couple.Id);
        }
        if (entry.OfferPolicy is { } policy && await DocumentsPublishedAsync(ct))
            await intake.StartAsync(couple, new IntakeOptions(policy), therapistId, ct);
        else
            Safety.SafetyChecks.RequestAtIntake(db, audit, couple, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return WaitlistOfferLink.View(entry, outbox.Writer, accepted: true);
    }

    private async Task<bool> DocumentsPublishedAsync(CancellationToken ct)
    {
        var present = await db.Documents.Select(d => d.Kind).ToListAsync(ct);
        return present.Contains(DocumentKind.Consent) && present.Contains(DocumentKind.ConfidentialityPolicy);
    }
}

internal static class WaitlistOfferLink
{
    public static void EnsureValid(WaitlistEntry entry, DateTimeOffset now)
    {
        switch (entry.OfferStateAt(now))
        {
            case WaitlistOfferState.Valid: return;
            case WaitlistOfferState.Used:
                throw new FieldValidationException("token", "This offer was accepted already: your first appointment is booked, and an email " +
                                                            "invites each of you to the portal.");
            case WaitlistOfferState.Expired:
                throw new FieldValidationException("token", "This offer has expired. Please contact the practice for another time.");
            default:
                throw new FieldValidationException("token", WaitlistEntry.LinkInvalidMessage);
        }
    }

    public static WaitlistOfferViewDto View(WaitlistEntry e, EmailWriter writer, bool accepted)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(e.OfferTimeZone ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
        return new WaitlistOfferViewDto(writer.PracticeName, WallClock.ToLocal(e.OfferStartsAt!.Value, zone), e.OfferStartsAt.Value,
            e.OfferTimeZone ?? "UTC", e.OfferDurationMinutes ?? 0, e.OfferFormat ?? AppointmentFormat.InPerson, e.OfferExpiresAt!.Value, accepted);
    }
}

/// <summary>The offer email: the practice, the time and the link — never a name, a reason or a note (DESIGN §10).</summary>
internal static class WaitlistEmails
{
    public static string Link(EmailWriter writer, string token) => $"{writer.PublicUrl}/waitlist/accept?token={token}";

    public static EmailText Offer(EmailWriter writer, WaitlistEntry e, string token)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(e.OfferTimeZone ?? "UTC", out var z) ? z : TimeZoneInfo.Utc;
        var local = WallClock.ToLocal(e.OfferStartsAt!.Value, zone);
        var expires = WallClock.ToLocal(e.OfferExpiresAt!.Value, zone);
        var zoneWords = e.OfferTimeZone == "UTC" ? "UTC" : $"{e.OfferTimeZone} time";
        var how = e.OfferFormat == AppointmentFormat.Video ? "by video" : "in person";
        return new EmailText($"{writer.PracticeName} can offer you a first appointment",
            [$"{writer.PracticeName} has a first appointment for the two of you on " +
             local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.InvariantCulture) + $" ({zoneWords}), {e.OfferDurationMinutes} minutes {how}.",
             "If it suits you both, one of you accepts it with the link below; the appointment is then booked for both of you and each of you " +
             "gets an invitation to the portal.",
             "The link works once, until " + expires.ToString("dddd d MMMM 'at' HH:mm", CultureInfo.InvariantCulture) +
             ". If the time does not suit you, simply reply or call the practice."],
            "Accept this time", Link(writer, token));
    }
}
