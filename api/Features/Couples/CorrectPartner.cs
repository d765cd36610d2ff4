using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Email;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Email;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

/// <summary>Fields left out stay as they are; <c>Version</c> is the partner's version read.</summary>
public sealed record CorrectPartnerCommand(uint? Version, string? FirstName, string? LastName, string? Pronouns, string? Email)
    : IRequest<PartnerDto>
{
    internal Guid CoupleId { get; init; }
    internal Guid PartnerId { get; init; }
}

public sealed class CorrectPartnerValidator : AbstractValidator<CorrectPartnerCommand>
{
    public CorrectPartnerValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.FirstName).NotEmpty().MaximumLength(100).When(c => c.FirstName is not null);
        RuleFor(c => c.LastName).NotEmpty().MaximumLength(100).When(c => c.LastName is not null);
        RuleFor(c => c.Pronouns).MaximumLength(40);
        RuleFor(c => c.Email).DeliverableEmail().When(c => c.Email is not null);
    }
}

/// <summary>
/// A mistyped name or email is corrected in place. The answer never says whether an address is used
/// elsewhere (issue 26): only a clash on the caller's own caseload is refused, as when a couple is created.
/// A partner without a portal account signs in nowhere, so their address changes at once and any invitation
/// still pending for the old one ends. A partner with an account keeps signing in with their address until
/// they follow a link sent to the new one (<see cref="ConfirmSignInEmailHandler"/>); if the new address already
/// signs in to Clinic, the email to it tells its owner so instead — and the therapist's answer is the same
/// either way: the partner with the address waiting (<c>pendingEmail</c>).
/// </summary>
internal sealed class CorrectPartnerHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    UserManager<User> users, TimeProvider clock, Outbox outbox) : IRequestHandler<CorrectPartnerCommand, PartnerDto>
{
    public async Task<PartnerDto> Handle(CorrectPartnerCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct, tracking: true);
        var partner = couple.PartnerById(command.PartnerId);
        db.ExpectVersion(partner, command.Version, "partner");
        var now = clock.GetUtcNow();

        var newEmail = command.Email is { } email && Partner.NormaliseEmail(email) != partner.Email ? Partner.NormaliseEmail(email) : null;
        if (newEmail is not null) await EnsureNotOnMyCaseloadAsync(partner, newEmail, ct);

        var changed = Changed(partner, command);
        var confirmed = partner.UserId is not null && newEmail is not null;
        var emailChanged = couple.CorrectPartner(partner.Id, new PartnerCorrection(command.FirstName, command.LastName,
            confirmed ? null : command.Email, command.Pronouns));
        var ended = emailChanged ? await EndPendingInvitationsAsync(partner.Id, ct) : 0;
        audit.Record("partner.correct", "partner", partner.Id, couple.Id, detail: "changed: " + string.Join(", ", changed)
            + (ended > 0 ? "; pending invitation ended" : "") + (confirmed ? "; new sign-in email waits for confirmation" : ""));
        if (confirmed)
        {
            var token = partner.RequestSignInEmailChange(newEmail!, now);
            // Looked up only to choose what the new address is told; the therapist's answer does not depend on it.
            var holder = await users.FindByEmailAsync(newEmail!);
            if (holder is not null && holder.Id != partner.UserId)
                outbox.Send(MessageKinds.SignInEmailTaken, newEmail!, SignInEmailTaken(outbox.Writer));
            else
                outbox.Send(MessageKinds.SignInEmailConfirm, newEmail!, ConfirmSignInEmail(outbox.Writer, token),
                    new Recipients(partner.UserId, partner.Id));
            audit.Record("partner.sign_in_email_change_requested", "partner", partner.Id, couple.Id);
        }
        else if (partner.PendingEmail is not null && command.Email is not null && newEmail is null)
        {
            // Corrected back to the address they sign in with: nothing waits any more.
            partner.ForgetPendingEmail();
        }
        await db.SaveChangesAsync(ct);

        var invited = partner.UserId is null && await db.Invitations.AnyAsync(i => i.PartnerId == partner.Id && i.UsedAt == null
            && i.RevokedAt == null && i.ExpiresAt > clock.GetUtcNow(), ct);
        var dto = partner.ToDto();
        return invited ? dto with { PortalStatus = PortalStatus.Invited } : dto;
    }

    /// <summary>
    /// A link sent to the old address must not open this couple's portal to whoever reads that mailbox
    /// (the address was wrong — maybe a stranger's). Each pending invitation is ended like an expired one
    /// (kept, not deleted), and its email is withdrawn if it has not gone out yet; the therapist invites
    /// the corrected address as usual.
    /// </summary>
    private async Task<int> EndPendingInvitationsAsync(Guid partnerId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await db.Invitations.AsTracking()
            .Where(i => i.PartnerId == partnerId && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ToListAsync(ct);
        var ended = 0;
        foreach (var invitation in pending.Where(i => i.EndEarly(now)))
        {
            await outbox.CancelPendingAsync(invitation.Id, [MessageKinds.PortalInvitation], ct);
            ended++;
        }
        return ended;
    }

    /// <summary>Only the caller's own caseload: saying an address is used elsewhere would say who is whose client.</summary>
    private async Task EnsureNotOnMyCaseloadAsync(Partner partner, string email, CancellationToken ct)
    {
        if (await db.Partners.AnyAsync(p => p.Email == email && p.Id != partner.Id && db.Couples.OwnedBy(user).Any(c => c.Id == p.CoupleId), ct))
            throw new FieldValidationException("email", "A partner with this email is already on your caseload.");
    }

    private static EmailText ConfirmSignInEmail(EmailWriter writer, string token) => new(
        $"Confirm your new sign-in email for {writer.PracticeName}",
        [$"Your therapist at {writer.PracticeName} changed the email address you sign in to the client portal with to this one.",
         "Follow the link below to sign in with this address from now on. It works once, for 72 hours.",
         "Until then you keep signing in with your previous address. If you did not expect this, ignore this email."],
        "Use this address to sign in", $"{writer.PublicUrl}/confirm-email?token={token}");

    /// <summary>To the owner of an address that already signs in: nothing changes, and nobody learns whose it is.</summary>
    private static EmailText SignInEmailTaken(EmailWriter writer) => new(
        $"Your email address and {writer.PracticeName}",
        [$"Someone at {writer.PracticeName} asked to use this email address to sign in to a client portal account.",
         "This address already signs in to Clinic, so nothing was changed.",
         "If you did not expect this, you can ignore this email, or contact the practice directly."]);

    /// <summary>
    /// It names neither the new address nor anyone: a mistyped address may belong to a stranger, and the
    /// owner of a right one only needs to know their sign-in moved and whom to ask if they did not expect it.
    /// </summary>
    internal static EmailText SignInEmailChanged(EmailWriter writer) => new(
        $"Your sign-in email at {writer.PracticeName} was changed",
        [$"The email address used to sign in to the {writer.PracticeName} client portal has been changed; this address can no longer be used to sign in.",
         "If you asked for this, there is nothing more to do. If you did not expect it, please contact the practice directly."]);

    /// <summary>Field names only: the audit trail says what was corrected, never the values.</summary>
    private static List<string> Changed(Partner partner, CorrectPartnerCommand c)
    {
        var changed = new List<string>();
        if (c.FirstName is not null && c.FirstName.Trim() != partner.FirstName) changed.Add("firstName");
        if (c.LastName is not null && c.LastName.Trim() != partner.LastName) changed.Add("lastName");
        if (c.Pronouns is not null && (string.IsNullOrWhiteSpace(c.Pronouns) ? null : c.Pronouns.Trim()) != partner.Pronouns) changed.Add("pronouns");
        if (c.Email is not null && Partner.NormaliseEmail(c.Email) != partner.Email) changed.Add("email");
        return changed;
    }
}
