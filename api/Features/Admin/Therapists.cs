using Clinic.Api.Data;
using Clinic.Api.Domain.Audit;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

public sealed record TherapistDto(Guid Id, string Email, string FirstName, string LastName, string DisplayName,
    UserStatus Status, bool MfaEnabled, DateTimeOffset CreatedAt);

public sealed record ListTherapistsQuery(int? Page, int? PageSize) : IRequest<Paged<TherapistDto>>, IPagedRequest;

public sealed class ListTherapistsValidator : AbstractValidator<ListTherapistsQuery>
{
    public ListTherapistsValidator() => this.AddPagingRules();
}

internal sealed class ListTherapistsHandler(ClinicDbContext db) : IRequestHandler<ListTherapistsQuery, Paged<TherapistDto>>
{
    public Task<Paged<TherapistDto>> Handle(ListTherapistsQuery query, CancellationToken ct) =>
        db.Users.Where(u => u.Role == Roles.Therapist)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Select(u => new TherapistDto(u.Id, u.Email!, u.FirstName, u.LastName, u.FirstName + " " + u.LastName,
                u.Status, u.TwoFactorEnabled, u.CreatedAt))
            .ToPagedAsync(query, ct);
}

public sealed record CreateTherapistCommand(string Email, string FirstName, string LastName) : IRequest<TherapistInvitationDto>;

public sealed record TherapistInvitationDto(Guid Id, string Email, string InvitationToken, DateTimeOffset InvitationExpiresAt);

public sealed class CreateTherapistValidator : AbstractValidator<CreateTherapistCommand>
{
    public CreateTherapistValidator()
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.LastName).NotEmpty().MaximumLength(100);
    }
}

internal sealed class CreateTherapistHandler(ClinicDbContext db, UserManager<User> users, ICurrentUser admin,
    AuditTrail audit, TimeProvider clock) : IRequestHandler<CreateTherapistCommand, TherapistInvitationDto>
{
    public async Task<TherapistInvitationDto> Handle(CreateTherapistCommand command, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(command.Email) is not null)
            throw new FieldValidationException("email", "An account with this email already exists.");
        var now = clock.GetUtcNow();
        var therapist = User.Create(Roles.Therapist, command.Email, command.FirstName, command.LastName, now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(therapist);
        if (!created.Succeeded)
            throw new FieldValidationException("email", string.Join(" ", created.Errors.Select(e => e.Description)));
        var (invitation, token) = Invitation.ForUser(therapist.Id, admin.Id, now);
        db.Invitations.Add(invitation);
        audit.Record("admin.therapist_create", "user", therapist.Id, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TherapistInvitationDto(therapist.Id, therapist.Email!, token, invitation.ExpiresAt);
    }
}

public sealed record DeactivateTherapistCommand(Guid Id) : IRequest<Unit>;

/// <summary>Deactivation ends every open session of the therapist at once.</summary>
internal sealed class DeactivateTherapistHandler(ClinicDbContext db, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<DeactivateTherapistCommand, Unit>
{
    public async Task<Unit> Handle(DeactivateTherapistCommand command, CancellationToken ct)
    {
        var therapist = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == command.Id && u.Role == Roles.Therapist, ct)
            ?? throw new NotFoundException("therapist", command.Id);
        var now = clock.GetUtcNow();
        therapist.Deactivate(now);
        await db.AuthSessions.Where(s => s.UserId == therapist.Id && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "deactivated"), ct);
        audit.Record("admin.therapist_deactivate", "user", therapist.Id, null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
