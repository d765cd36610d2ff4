using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Waitlist;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Waitlist;

/// <param name="Status">current (default: waiting or offered, longest wait first), accepted, removed or all.</param>
public sealed record ListWaitlistQuery(string? Status) : IRequest<IReadOnlyList<WaitlistEntryDto>>;

public sealed class ListWaitlistValidator : AbstractValidator<ListWaitlistQuery>
{
    public static readonly string[] Statuses = ["current", "accepted", "removed", "all"];

    public ListWaitlistValidator() =>
        RuleFor(q => q.Status).Must(s => Statuses.Contains(s)).When(q => q.Status is not null)
            .WithMessage("Status is current, accepted, removed or all.");
}

/// <summary>My waitlist: the couples waiting longest first (the most urgent first among the same day's).</summary>
internal sealed class ListWaitlistHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, PracticeCalendar calendar)
    : IRequestHandler<ListWaitlistQuery, IReadOnlyList<WaitlistEntryDto>>
{
    public async Task<IReadOnlyList<WaitlistEntryDto>> Handle(ListWaitlistQuery query, CancellationToken ct)
    {
        var entries = db.WaitlistEntries.Where(e => e.TherapistId == user.Id);
        entries = (query.Status ?? "current") switch
        {
            "accepted" => entries.Where(e => e.Status == WaitlistStatus.Accepted),
            "removed" => entries.Where(e => e.Status == WaitlistStatus.Removed),
            "all" => entries,
            _ => entries.Where(e => e.Status == WaitlistStatus.Waiting),
        };
        var rows = await entries.OrderBy(e => e.AddedAt).Take(500).ToListAsync(ct);
        audit.Record("waitlist.list", "waitlist_entry", null, null);
        await db.SaveChangesAsync(ct);
        var now = clock.GetUtcNow();
        return rows.Select(e => WaitlistViews.Dto(e, now, calendar.Zone)).ToList();
    }
}

public sealed record GetWaitlistEntryQuery(Guid Id) : IRequest<WaitlistEntryDto>;

internal sealed class GetWaitlistEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, PracticeCalendar calendar)
    : IRequestHandler<GetWaitlistEntryQuery, WaitlistEntryDto>
{
    public async Task<WaitlistEntryDto> Handle(GetWaitlistEntryQuery query, CancellationToken ct)
    {
        var entry = await db.OwnedWaitlistEntryAsync(user, query.Id, ct);
        audit.Record("waitlist.read", "waitlist_entry", entry.Id, entry.CoupleId);
        await db.SaveChangesAsync(ct);
        return WaitlistViews.Dto(entry, clock.GetUtcNow(), calendar.Zone);
    }
}

public sealed record WaitlistContactInput(string? FirstName, string? LastName, string? Email, string? Phone);

/// <param name="HeardFrom">How they heard of the practice (a referrer, a website, a friend).</param>
/// <param name="PreferredDays">Days that suit them: monday to sunday.</param>
/// <param name="PreferredTimes">Parts of the day that suit them: morning, afternoon, evening.</param>
/// <param name="Reason">A few words, never clinical detail ("communication", "referred by GP").</param>
/// <param name="Notes">Practical notes (availability, how to reach them); nothing clinical.</param>
public sealed record AddToWaitlistCommand(WaitlistContactInput? PartnerA, WaitlistContactInput? PartnerB, string? HeardFrom,
    IReadOnlyList<DayOfWeek>? PreferredDays, IReadOnlyList<DayPart>? PreferredTimes, WaitlistUrgency? Urgency, string? Reason, string? Notes)
    : IRequest<WaitlistEntryDto>;

internal sealed class WaitlistContactValidator : AbstractValidator<WaitlistContactInput>
{
    public WaitlistContactValidator()
    {
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.LastName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Email).DeliverableEmail();
        RuleFor(c => c.Phone).MaximumLength(40)
            .Must(p => p is null || p.All(ch => char.IsDigit(ch) || " +()-.".Contains(ch)))
            .WithMessage("A phone number has digits, spaces and + ( ) - . only.");
    }
}

internal static class WaitlistRules
{
    public static void Apply<T>(AbstractValidator<T> v, Func<T, string?> heardFrom, Func<T, string?> reason, Func<T, string?> notes,
        Func<T, IReadOnlyList<DayOfWeek>?> days, Func<T, IReadOnlyList<DayPart>?> times)
    {
        v.RuleFor(c => heardFrom(c)).MaximumLength(WaitlistEntry.MaxHeardFromLength).OverridePropertyName("heardFrom");
        v.RuleFor(c => reason(c)).MaximumLength(WaitlistEntry.MaxReasonLength)
            .WithMessage($"Keep the reason to a few words ({WaitlistEntry.MaxReasonLength} characters at most): no clinical detail here.")
            .OverridePropertyName("reason");
        v.RuleFor(c => notes(c)).MaximumLength(WaitlistEntry.MaxNotesLength).OverridePropertyName("notes");
        v.RuleFor(c => days(c)).Must(d => d is null || d.Count <= 7).OverridePropertyName("preferredDays");
        v.RuleFor(c => times(c)).Must(t => t is null || t.Count <= 3).OverridePropertyName("preferredTimes");
    }
}

public sealed class AddToWaitlistValidator : AbstractValidator<AddToWaitlistCommand>
{
    public AddToWaitlistValidator()
    {
        RuleFor(c => c.PartnerA).NotNull().SetValidator(new WaitlistContactValidator()!);
        RuleFor(c => c.PartnerB).NotNull().SetValidator(new WaitlistContactValidator()!);
        RuleFor(c => c.Urgency).NotNull().WithMessage("Say how soon: routine, soon or urgent.");
        WaitlistRules.Apply(this, c => c.HeardFrom, c => c.Reason, c => c.Notes, c => c.PreferredDays, c => c.PreferredTimes);
    }
}

internal sealed class AddToWaitlistHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, PracticeCalendar calendar)
    : IRequestHandler<AddToWaitlistCommand, WaitlistEntryDto>
{
    public async Task<WaitlistEntryDto> Handle(AddToWaitlistCommand c, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = WaitlistEntry.Add(user.Id, new WaitlistDetails(Contact(c.PartnerA!), Contact(c.PartnerB!), c.HeardFrom ?? "",
            c.PreferredDays ?? [], c.PreferredTimes ?? [], c.Urgency!.Value, c.Reason ?? "", c.Notes ?? ""), now);
        db.WaitlistEntries.Add(entry);
        audit.Record("waitlist.add", "waitlist_entry", entry.Id, null);
        await db.SaveChangesAsync(ct);
        return WaitlistViews.Dto(entry, now, calendar.Zone);
    }

    public static WaitlistContact Contact(WaitlistContactInput i) => new(i.FirstName!, i.LastName!, i.Email!, i.Phone);
}

/// <summary>
/// Every member is optional: left out keeps its value; a contact is replaced whole. The GET's body is accepted too
/// (its read-only members unchanged). Status moves between waiting and removed (nothing is deleted).
/// </summary>
public sealed record UpdateWaitlistEntryCommand : IRequest<WaitlistEntryDto>, IAcceptsReadBody
{
    internal Guid Id { get; init; }
    public uint? Version { get; init; }
    public WaitlistContactInput? PartnerA { get; init; }
    public WaitlistContactInput? PartnerB { get; init; }
    public string? HeardFrom { get; init; }
    public IReadOnlyList<DayOfWeek>? PreferredDays { get; init; }
    public IReadOnlyList<DayPart>? PreferredTimes { get; init; }
    public WaitlistUrgency? Urgency { get; init; }
    public string? Reason { get; init; }
    public string? Notes { get; init; }
    /// <summary>waiting or removed; the status read (offered, accepted) is accepted unchanged.</summary>
    public WaitlistStatus? Status { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class UpdateWaitlistEntryValidator : AbstractValidator<UpdateWaitlistEntryCommand>
{
    public UpdateWaitlistEntryValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.PartnerA!).SetValidator(new WaitlistContactValidator()).When(c => c.PartnerA is not null);
        RuleFor(c => c.PartnerB!).SetValidator(new WaitlistContactValidator()).When(c => c.PartnerB is not null);
        WaitlistRules.Apply(this, c => c.HeardFrom, c => c.Reason, c => c.Notes, c => c.PreferredDays, c => c.PreferredTimes);
    }
}

internal sealed class UpdateWaitlistEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar) : IRequestHandler<UpdateWaitlistEntryCommand, WaitlistEntryDto>
{
    public async Task<WaitlistEntryDto> Handle(UpdateWaitlistEntryCommand c, CancellationToken ct)
    {
        var entry = await db.OwnedWaitlistEntryAsync(user, c.Id, ct);
        var now = clock.GetUtcNow();
        db.ExpectVersion(entry, c.Version, "waitlist entry");
        ReadOnlyMemberCheck.Check(c, WaitlistViews.Dto(entry, now, calendar.Zone));
        var read = WaitlistViews.Dto(entry, now, calendar.Zone);
        var same = (c.PartnerA is null || Contact(c.PartnerA) == read.PartnerA) && (c.PartnerB is null || Contact(c.PartnerB) == read.PartnerB)
                   && (c.HeardFrom ?? read.HeardFrom).Trim() == read.HeardFrom
                   && (c.PreferredDays ?? read.PreferredDays).Distinct().Order().SequenceEqual(read.PreferredDays)
                   && (c.PreferredTimes ?? read.PreferredTimes).Distinct().Order().SequenceEqual(read.PreferredTimes)
                   && (c.Urgency ?? read.Urgency) == read.Urgency && (c.Reason ?? read.Reason).Trim() == read.Reason
                   && (c.Notes ?? read.Notes).Trim() == read.Notes;
        // The GET's body sent back unchanged changes nothing (an accepted entry's too).
        if (!same)
            entry.Describe(new WaitlistDetails(
                c.PartnerA is { } a ? AddToWaitlistHandler.Contact(a) : entry.PartnerA,
                c.PartnerB is { } b ? AddToWaitlistHandler.Contact(b) : entry.PartnerB,
                c.HeardFrom ?? entry.HeardFrom, c.PreferredDays ?? entry.PreferredDays, c.PreferredTimes ?? entry.PreferredTimes,
                c.Urgency ?? entry.Urgency, c.Reason ?? entry.Reason, c.Notes ?? entry.Notes), now);
        if (c.Status is { } status && status != entry.ShownStatusAt(now)) entry.SetStatus(status, now);
        audit.Record("waitlist.update", "waitlist_entry", entry.Id, entry.CoupleId);
        await db.SaveChangesAsync(ct);
        return WaitlistViews.Dto(entry, now, calendar.Zone);
    }

    private static WaitlistContactDto Contact(WaitlistContactInput i) => new(i.FirstName!.Trim(), i.LastName!.Trim(),
        Domain.Couples.Partner.NormaliseEmail(i.Email!), string.IsNullOrWhiteSpace(i.Phone) ? null : i.Phone.Trim());
}

internal static class WaitlistOwnership
{
    /// <summary>An entry of my waitlist, tracked; another therapist's is not found.</summary>
    public static async Task<WaitlistEntry> OwnedWaitlistEntryAsync(this ClinicDbContext db, ICurrentUser user, Guid id, CancellationToken ct) =>
        await db.WaitlistEntries.AsTracking().SingleOrDefaultAsync(e => e.Id == id && e.TherapistId == user.Id, ct)
        ?? throw new NotFoundException("waitlist entry", id);
}
