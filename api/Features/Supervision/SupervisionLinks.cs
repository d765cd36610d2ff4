using Clinic.Api.Data;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Supervision;

/// <summary>A supervision link as the admin manages it: names and days only, nothing clinical.</summary>
public sealed record SupervisionLinkDto(Guid Id, Guid SuperviseeId, string SuperviseeName, Guid SupervisorId, string SupervisorName,
    DateOnly StartsOn, DateOnly? EndsOn, bool Trainee, bool Active, uint Version);

public sealed record ListSupervisionLinksQuery(int? Page, int? PageSize) : IRequest<Paged<SupervisionLinkDto>>, IPagedRequest;

public sealed class ListSupervisionLinksValidator : AbstractValidator<ListSupervisionLinksQuery>
{
    public ListSupervisionLinksValidator() => this.AddPagingRules();
}

internal sealed class ListSupervisionLinksHandler(ClinicDbContext db, PracticeCalendar calendar)
    : IRequestHandler<ListSupervisionLinksQuery, Paged<SupervisionLinkDto>>
{
    public Task<Paged<SupervisionLinkDto>> Handle(ListSupervisionLinksQuery query, CancellationToken ct)
    {
        var today = calendar.Today();
        return (from l in db.SupervisionLinks
                join supervisee in db.Users on l.SuperviseeId equals supervisee.Id
                join supervisor in db.Users on l.SupervisorId equals supervisor.Id
                orderby l.StartsOn descending, l.Id
                select new SupervisionLinkDto(l.Id, l.SuperviseeId, supervisee.FirstName + " " + supervisee.LastName, l.SupervisorId,
                    supervisor.FirstName + " " + supervisor.LastName, l.StartsOn, l.EndsOn, l.Trainee,
                    l.StartsOn <= today && (l.EndsOn == null || l.EndsOn >= today), l.Version))
            .ToPagedAsync(query, ct);
    }
}

public sealed record CreateSupervisionLinkCommand(Guid? SuperviseeId, Guid? SupervisorId, DateOnly? StartsOn, DateOnly? EndsOn, bool? Trainee)
    : IRequest<SupervisionLinkDto>;

public sealed class CreateSupervisionLinkValidator : AbstractValidator<CreateSupervisionLinkCommand>
{
    public CreateSupervisionLinkValidator()
    {
        RuleFor(c => c.SuperviseeId).NotNull();
        RuleFor(c => c.SupervisorId).NotNull();
        RuleFor(c => c.SupervisorId).NotEqual(c => c.SuperviseeId).When(c => c.SuperviseeId is not null)
            .WithMessage(SupervisionLink.SameTherapistMessage);
        RuleFor(c => c.StartsOn).NotNull().InclusiveBetween(SupervisionRules.EarliestDay, SupervisionRules.LatestDay);
        RuleFor(c => c.EndsOn).InclusiveBetween(SupervisionRules.EarliestDay, SupervisionRules.LatestDay);
        RuleFor(c => c.EndsOn).GreaterThanOrEqualTo(c => c.StartsOn).When(c => c.StartsOn is not null && c.EndsOn is not null)
            .WithMessage(SupervisionLink.EndsBeforeStartMessage);
    }
}

internal static class SupervisionRules
{
    public static readonly DateOnly EarliestDay = new(2000, 1, 1);
    public static readonly DateOnly LatestDay = new(2100, 12, 31);

    public const string NotASupervisorMessage = "This therapist does not have the supervisor capability: the admin grants it first.";

    /// <summary>Both ends of a link are therapist accounts; the supervisor's holds the capability.</summary>
    public static async Task CheckPartiesAsync(ClinicDbContext db, Guid superviseeId, Guid supervisorId, CancellationToken ct)
    {
        var users = await db.Users.Where(u => (u.Id == superviseeId || u.Id == supervisorId) && u.Role == Roles.Therapist)
            .Select(u => new { u.Id, u.IsSupervisor }).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        if (users.All(u => u.Id != superviseeId)) errors["superviseeId"] = ["No therapist has this id."];
        var supervisor = users.FirstOrDefault(u => u.Id == supervisorId);
        if (supervisor is null) errors["supervisorId"] = ["No therapist has this id."];
        else if (!supervisor.IsSupervisor) errors["supervisorId"] = [NotASupervisorMessage];
        if (errors.Count > 0) throw new FieldValidationException(errors);
    }

    /// <summary>Two links of the same pair may not share a day.</summary>
    public static async Task CheckNoOverlapAsync(ClinicDbContext db, Guid superviseeId, Guid supervisorId, DateOnly startsOn, DateOnly? endsOn,
        Guid? except, CancellationToken ct)
    {
        var last = endsOn ?? DateOnly.MaxValue;
        if (await db.SupervisionLinks.AnyAsync(l => l.Id != except && l.SuperviseeId == superviseeId && l.SupervisorId == supervisorId
                && l.StartsOn <= last && (l.EndsOn == null || l.EndsOn >= startsOn), ct))
            throw new ConflictException("These two therapists already have a supervision link over some of these days.");
    }

    public static Task<SupervisionLinkDto> ReadAsync(ClinicDbContext db, Guid id, DateOnly today, CancellationToken ct) =>
        (from l in db.SupervisionLinks
         join supervisee in db.Users on l.SuperviseeId equals supervisee.Id
         join supervisor in db.Users on l.SupervisorId equals supervisor.Id
         where l.Id == id
         select new SupervisionLinkDto(l.Id, l.SuperviseeId, supervisee.FirstName + " " + supervisee.LastName, l.SupervisorId,
             supervisor.FirstName + " " + supervisor.LastName, l.StartsOn, l.EndsOn, l.Trainee,
             l.StartsOn <= today && (l.EndsOn == null || l.EndsOn >= today), l.Version)).SingleAsync(ct);
}

internal sealed class CreateSupervisionLinkHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<CreateSupervisionLinkCommand, SupervisionLinkDto>
{
    public async Task<SupervisionLinkDto> Handle(CreateSupervisionLinkCommand command, CancellationToken ct)
    {
        var (superviseeId, supervisorId) = (command.SuperviseeId!.Value, command.SupervisorId!.Value);
        await SupervisionRules.CheckPartiesAsync(db, superviseeId, supervisorId, ct);
        await SupervisionRules.CheckNoOverlapAsync(db, superviseeId, supervisorId, command.StartsOn!.Value, command.EndsOn, null, ct);
        var link = SupervisionLink.Create(superviseeId, supervisorId, command.StartsOn.Value, command.EndsOn, command.Trainee ?? false,
            user.Id, clock.GetUtcNow());
        db.SupervisionLinks.Add(link);
        audit.Record("admin.supervision_link_create", "supervision_link", link.Id, null,
            detail: $"supervisee {superviseeId}, supervisor {supervisorId}{(link.Trainee ? ", trainee" : "")}");
        await db.SaveChangesAsync(ct);
        return await SupervisionRules.ReadAsync(db, link.Id, calendar.Today(), ct);
    }
}

/// <summary>
/// Changes a link's days or trainee flag; ending a link is giving it a last day (a link is never deleted). A field left out
/// keeps its value; <c>endsOn</c> cannot be cleared here (a new link reopens supervision).
/// </summary>
public sealed record UpdateSupervisionLinkCommand(uint? Version, DateOnly? StartsOn, DateOnly? EndsOn, bool? Trainee)
    : IRequest<SupervisionLinkDto>
{
    internal Guid Id { get; init; }
}

public sealed class UpdateSupervisionLinkValidator : AbstractValidator<UpdateSupervisionLinkCommand>
{
    public UpdateSupervisionLinkValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.StartsOn).InclusiveBetween(SupervisionRules.EarliestDay, SupervisionRules.LatestDay);
        RuleFor(c => c.EndsOn).InclusiveBetween(SupervisionRules.EarliestDay, SupervisionRules.LatestDay);
    }
}

internal sealed class UpdateSupervisionLinkHandler(ClinicDbContext db, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<UpdateSupervisionLinkCommand, SupervisionLinkDto>
{
    public async Task<SupervisionLinkDto> Handle(UpdateSupervisionLinkCommand command, CancellationToken ct)
    {
        var link = await db.SupervisionLinks.AsTracking().SingleOrDefaultAsync(l => l.Id == command.Id, ct)
            ?? throw new NotFoundException("supervision link", command.Id);
        db.ExpectVersion(link, command.Version, "supervision link");
        var startsOn = command.StartsOn ?? link.StartsOn;
        var endsOn = command.EndsOn ?? link.EndsOn;
        await SupervisionRules.CheckNoOverlapAsync(db, link.SuperviseeId, link.SupervisorId, startsOn, endsOn, link.Id, ct);
        link.Revise(startsOn, endsOn, command.Trainee ?? link.Trainee);
        audit.Record(command.EndsOn is null ? "admin.supervision_link_update" : "admin.supervision_link_end", "supervision_link", link.Id, null,
            detail: $"{link.StartsOn:yyyy-MM-dd} to {(link.EndsOn is { } e ? e.ToString("yyyy-MM-dd") : "open")}{(link.Trainee ? ", trainee" : "")}");
        await db.SaveChangesAsync(ct);
        return await SupervisionRules.ReadAsync(db, link.Id, calendar.Today(), ct);
    }
}
