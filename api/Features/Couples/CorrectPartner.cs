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
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(256).When(c => c.Email is not null);
    }
}

/// <summary>
/// A mistyped name or email is corrected in place (emails are unique in the practice). A partner
/// with a portal account signs in with the corrected address from then on; that change is audited
/// on its own, because it moves who can reach the account, and the old address is told (a neutral
/// notice in the same transaction, through the outbox) so a change nobody asked for does not go unseen.
/// A partner without an account signs in nowhere, so their old, perhaps mistyped, address hears nothing;
/// any invitation still pending for that address ends with the correction.
/// </summary>
internal sealed class CorrectPartnerHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    UserManager<User> users, TimeProvider clock, Outbox outbox) : IRequestHandler<CorrectPartnerCommand, PartnerDto>
{
    public async Task<PartnerDto> Handle(CorrectPartnerCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct, tracking: true);
        var partner = couple.PartnerById(command.PartnerId);
        db.ExpectVersion(partner, command.Version, "partner");

        if (command.Email is { } email && Partner.NormaliseEmail(email) != partner.Email)
            await EnsureEmailIsFreeAsync(partner, Partner.NormaliseEmail(email), ct);

        var changed = Changed(partner, command);
        var oldEmail = partner.Email;
        var emailChanged = couple.CorrectPartner(partner.Id, new PartnerCorrection(command.FirstName, command.LastName, command.Email,
            command.Pronouns));
        var ended = emailChanged ? await EndPendingInvitationsAsync(partner.Id, ct) : 0;
        audit.Record("partner.correct", "partner", partner.Id, couple.Id, detail: "changed: " + string.Join(", ", changed)
            + (ended > 0 ? "; pending invitation ended" : ""));
        if (emailChanged && partner.UserId is { } accountId)
        {
            var account = await db.Users.AsTracking().SingleAsync(u => u.Id == accountId, ct);
            account.ChangeSignInEmail(partner.Email, users.NormalizeEmail(partner.Email));
            audit.Record("partner.sign_in_email_change", "user", account.Id, couple.Id);
            outbox.Send(MessageKinds.SignInEmailChanged, oldEmail, SignInEmailChanged(outbox.Writer), new Recipients(account.Id, partner.Id));
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

    private async Task EnsureEmailIsFreeAsync(Partner partner, string email, CancellationToken ct)
    {
        if (await db.Partners.AnyAsync(p => p.Email == email && p.Id != partner.Id, ct))
            throw new FieldValidationException("email", "A partner with this email is already in the practice.");
        // A therapist's or admin's sign-in is an address too: a portal account cannot take it.
        if (partner.UserId is not null && await users.FindByEmailAsync(email) is { } holder && holder.Id != partner.UserId)
            throw new FieldValidationException("email", "This email is already used to sign in to Clinic.");
    }

    /// <summary>
    /// It names neither the new address nor anyone: a mistyped address may belong to a stranger, and the
    /// owner of a right one only needs to know their sign-in moved and whom to ask if they did not expect it.
    /// </summary>
    private static EmailText SignInEmailChanged(EmailWriter writer) => new(
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
