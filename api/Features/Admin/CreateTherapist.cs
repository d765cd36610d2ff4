using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Auth;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;

namespace Clinic.Api.Features.Admin;

public sealed record CreateTherapistCommand(string Email, string FirstName, string LastName) : IRequest<TherapistInvitationDto>;

public sealed record TherapistInvitationDto(Guid Id, string Email, string InvitationToken, DateTimeOffset InvitationExpiresAt);

public sealed class CreateTherapistValidator : AbstractValidator<CreateTherapistCommand>
{
    public CreateTherapistValidator()
    {
        RuleFor(c => c.Email).DeliverableEmail();
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.LastName).NotEmpty().MaximumLength(100);
    }
}

internal sealed class CreateTherapistHandler(ClinicDbContext db, UserManager<User> users, ICurrentUser admin,
    AuditTrail audit, TimeProvider clock, Outbox outbox) : IRequestHandler<CreateTherapistCommand, TherapistInvitationDto>
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
        outbox.Send(MessageKinds.TherapistInvitation, therapist.Email!, InvitationEmails.Therapist(outbox.Writer, token),
            new Recipients(therapist.Id, null, invitation.Id));
        audit.Record("admin.therapist_create", "user", therapist.Id, null);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new TherapistInvitationDto(therapist.Id, therapist.Email!, token, invitation.ExpiresAt);
    }
}
