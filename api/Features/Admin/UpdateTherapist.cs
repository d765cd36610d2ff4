using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

/// <summary>The admin grants or withdraws the supervisor capability (DESIGN §18). Withdrawing it ends every supervisor's read at once.</summary>
public sealed record UpdateTherapistCommand(bool? Supervisor) : IRequest<TherapistDto>
{
    internal Guid Id { get; init; }
}

public sealed class UpdateTherapistValidator : AbstractValidator<UpdateTherapistCommand>
{
    public UpdateTherapistValidator() => RuleFor(c => c.Supervisor).NotNull().WithMessage("Say whether this therapist may supervise (true or false).");
}

internal sealed class UpdateTherapistHandler(ClinicDbContext db, AuditTrail audit) : IRequestHandler<UpdateTherapistCommand, TherapistDto>
{
    public async Task<TherapistDto> Handle(UpdateTherapistCommand command, CancellationToken ct)
    {
        var therapist = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == command.Id && u.Role == Roles.Therapist, ct)
            ?? throw new NotFoundException("therapist", command.Id);
        therapist.SetSupervisor(command.Supervisor!.Value);
        audit.Record("admin.therapist_update", "user", therapist.Id, null, detail: $"supervisor: {(therapist.IsSupervisor ? "yes" : "no")}");
        await db.SaveChangesAsync(ct);
        return new TherapistDto(therapist.Id, therapist.Email!, therapist.FirstName, therapist.LastName, therapist.DisplayName,
            therapist.Status, therapist.TwoFactorEnabled, therapist.CreatedAt, therapist.IsSupervisor);
    }
}
