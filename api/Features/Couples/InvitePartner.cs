using Clinic.Api.Data;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Features.Auth;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

public sealed record PartnerInvitationDto(string InvitationToken, DateTimeOffset InvitationExpiresAt);

public sealed record InvitePartnerCommand(Guid CoupleId, Guid PartnerId) : IRequest<PartnerInvitationDto>;

/// <summary>
/// A new invitation replaces any earlier one, so only the latest link works. The partner gets it by
/// email (stored with the invitation); the link is also returned for handing over in person.
/// </summary>
internal sealed class InvitePartnerHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock, Outbox outbox)
    : IRequestHandler<InvitePartnerCommand, PartnerInvitationDto>
{
    public async Task<PartnerInvitationDto> Handle(InvitePartnerCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var partner = couple.PartnerById(command.PartnerId);
        partner.EnsureInvitable();
        couple.EnsureOpen();

        var now = clock.GetUtcNow();
        await db.Invitations.Where(i => i.PartnerId == partner.Id && i.UsedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);
        var (invitation, token) = Invitation.ForPartner(partner.Id, user.Id, now);
        db.Invitations.Add(invitation);
        outbox.Send(MessageKinds.PortalInvitation, partner.Email, InvitationEmails.Portal(outbox.Writer, token),
            new Recipients(null, partner.Id, invitation.Id));
        audit.Record("partner.invite", "partner", partner.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PartnerInvitationDto(token, invitation.ExpiresAt);
    }
}
