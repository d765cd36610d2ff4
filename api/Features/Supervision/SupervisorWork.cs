using Clinic.Api.Data;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Sessions;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Supervision;

/// <summary>One session in the supervisor's queue: why it is there, whose it is, and the link it is read under.</summary>
public sealed record SupervisionQueueItemDto(Guid SessionId, Guid CoupleId, string CoupleDisplayName, Guid SuperviseeId, string SuperviseeName,
    Guid LinkId, DateOnly Date, TimeOnly StartTime, int EftStage, int EftStep, DateTimeOffset? SignedAt, bool AwaitingCosignature,
    bool DiscussInSupervision, int Comments);

public sealed record GetSupervisionQueueQuery : IRequest<IReadOnlyList<SupervisionQueueItemDto>>;

/// <summary>
/// The supervisees' sessions awaiting co-signature and those flagged "discuss in supervision", oldest first — for the links
/// active today. A therapist who supervises nobody gets an empty queue.
/// </summary>
internal sealed class GetSupervisionQueueHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<GetSupervisionQueueQuery, IReadOnlyList<SupervisionQueueItemDto>>
{
    private const int Limit = 500;

    public async Task<IReadOnlyList<SupervisionQueueItemDto>> Handle(GetSupervisionQueueQuery query, CancellationToken ct)
    {
        var items = await (from sc in db.SupervisedCouples(user, calendar.Today())
                           join c in db.Couples on sc.CoupleId equals c.Id
                           join s in db.Sessions on c.Id equals s.CoupleId
                           join t in db.Users on sc.SuperviseeId equals t.Id
                           where (s.CosignRequired && s.CosignedAt == null) || s.DiscussInSupervision
                           orderby s.Date, s.StartTime, s.Id
                           select new SupervisionQueueItemDto(s.Id, c.Id, c.DisplayName, t.Id, t.FirstName + " " + t.LastName, sc.LinkId,
                               s.Date, s.StartTime, s.EftStage, s.EftStep, s.SignedAt, s.CosignRequired && s.CosignedAt == null,
                               s.DiscussInSupervision, db.SupervisionComments.Count(m => m.SessionId == s.Id)))
            .Take(Limit).ToListAsync(ct);
        foreach (var link in items.Select(i => i.LinkId).Distinct())
            audit.Record("supervision.queue", "session", null, null, detail: $"supervision link {link}");
        if (items.Count == 0) audit.Record("supervision.queue", "session", null, null);
        await db.SaveChangesAsync(ct);
        return items;
    }
}

/// <summary>A couple the supervisor may read today, with its therapist and the link.</summary>
public sealed record SupervisedCoupleDto(Guid CoupleId, string DisplayName, Domain.Couples.CoupleStatus Status, Guid SuperviseeId,
    string SuperviseeName, Guid LinkId, bool Trainee);

public sealed record ListSupervisedCouplesQuery : IRequest<IReadOnlyList<SupervisedCoupleDto>>;

internal sealed class ListSupervisedCouplesHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListSupervisedCouplesQuery, IReadOnlyList<SupervisedCoupleDto>>
{
    public async Task<IReadOnlyList<SupervisedCoupleDto>> Handle(ListSupervisedCouplesQuery query, CancellationToken ct)
    {
        var couples = await (from sc in db.SupervisedCouples(user, calendar.Today())
                             join c in db.Couples on sc.CoupleId equals c.Id
                             join t in db.Users on sc.SuperviseeId equals t.Id
                             join l in db.SupervisionLinks on sc.LinkId equals l.Id
                             orderby t.LastName, t.FirstName, c.DisplayName, c.Id
                             select new SupervisedCoupleDto(c.Id, c.DisplayName, c.Status, t.Id, t.FirstName + " " + t.LastName, l.Id, l.Trainee))
            .ToListAsync(ct);
        foreach (var link in couples.Select(c => c.LinkId).Distinct())
            audit.Record("supervision.couples", "couple", null, null, detail: $"supervision link {link}");
        await db.SaveChangesAsync(ct);
        return couples;
    }
}

public sealed record SupervisionCommentDto(Guid Id, Guid SessionId, Guid AuthorId, string AuthorName, SupervisionCommentRole AuthorRole,
    string Text, DateTimeOffset CreatedAt);

public sealed record ListSupervisionCommentsQuery(Guid SessionId) : IRequest<IReadOnlyList<SupervisionCommentDto>>;

/// <summary>The comments on a session, oldest first: to the supervisee (the couple's therapist) and their active supervisor only.</summary>
internal sealed class ListSupervisionCommentsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar)
    : IRequestHandler<ListSupervisionCommentsQuery, IReadOnlyList<SupervisionCommentDto>>
{
    public async Task<IReadOnlyList<SupervisionCommentDto>> Handle(ListSupervisionCommentsQuery query, CancellationToken ct)
    {
        var (session, access) = await db.ReadableSessionAsync(user, calendar.Today(), query.SessionId, ct);
        var comments = await db.SupervisionComments.Where(c => c.SessionId == session.Id).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)
            .Select(c => new SupervisionCommentDto(c.Id, c.SessionId, c.AuthorId, c.AuthorName, c.AuthorRole, c.Text, c.CreatedAt))
            .ToListAsync(ct);
        audit.Record("supervision_comment.list", "session", session.Id, session.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return comments;
    }
}

public sealed record AddSupervisionCommentCommand(string? Text) : IRequest<SupervisionCommentDto>
{
    internal Guid SessionId { get; init; }
}

public sealed class AddSupervisionCommentValidator : AbstractValidator<AddSupervisionCommentCommand>
{
    public AddSupervisionCommentValidator() =>
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write the comment.").MaximumLength(SupervisionComment.MaxLength);
}

/// <summary>The supervisor comments under their link; the supervisee answers on their own session. Nobody else sees either.</summary>
internal sealed class AddSupervisionCommentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<AddSupervisionCommentCommand, SupervisionCommentDto>
{
    public async Task<SupervisionCommentDto> Handle(AddSupervisionCommentCommand command, CancellationToken ct)
    {
        var (session, access) = await db.ReadableSessionAsync(user, calendar.Today(), command.SessionId, ct);
        var author = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        var comment = SupervisionComment.Create(session.Id, session.CoupleId, access.LinkId, user.Id, author.DisplayName, command.Text!,
            clock.GetUtcNow());
        db.SupervisionComments.Add(comment);
        audit.Record("supervision_comment.create", "session", session.Id, session.CoupleId, detail: access.AuditDetail);
        await db.SaveChangesAsync(ct);
        return new SupervisionCommentDto(comment.Id, comment.SessionId, comment.AuthorId, comment.AuthorName, comment.AuthorRole,
            comment.Text, comment.CreatedAt);
    }
}

public sealed record CosignSessionCommand(uint? Version) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class CosignSessionValidator : AbstractValidator<CosignSessionCommand>
{
    public CosignSessionValidator() => RuleFor(c => c.Version).VersionRead();
}

/// <summary>
/// Only the supervisor of an active link co-signs (anyone else: 404), only a signed session that awaits it (409), and only
/// from the version they read (409 when stale).
/// </summary>
internal sealed class CosignSessionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<CosignSessionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(CosignSessionCommand command, CancellationToken ct)
    {
        var (session, linkId) = await db.SupervisedSessionAsync(user, calendar.Today(), command.Id, ct);
        db.ExpectVersion(session, command.Version, "session");
        var supervisor = await db.Users.SingleAsync(u => u.Id == user.Id, ct);
        session.Cosign(user.Id, supervisor.DisplayName, clock.GetUtcNow());
        audit.Record("session.cosign", "session", session.Id, session.CoupleId, detail: $"supervision link {linkId}");
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}

public sealed record FlagForSupervisionCommand(bool? Discuss) : IRequest<SessionDto>
{
    internal Guid Id { get; init; }
}

public sealed class FlagForSupervisionValidator : AbstractValidator<FlagForSupervisionCommand>
{
    public FlagForSupervisionValidator() => RuleFor(c => c.Discuss).NotNull().WithMessage("Say whether to discuss this session in supervision.");
}

/// <summary>The couple's therapist marks a session (signed or not) to discuss in supervision; it joins the supervisor's queue.</summary>
internal sealed class FlagForSupervisionHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<FlagForSupervisionCommand, SessionDto>
{
    public async Task<SessionDto> Handle(FlagForSupervisionCommand command, CancellationToken ct)
    {
        var session = await db.OwnedSessionAsync(user, command.Id, ct, tracking: true);
        session.FlagForSupervision(command.Discuss!.Value);
        audit.Record("session.supervision_flag", "session", session.Id, session.CoupleId, detail: command.Discuss.Value ? "discuss" : "cleared");
        await db.SaveChangesAsync(ct);
        return session.ToDto();
    }
}
