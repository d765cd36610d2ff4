using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Email;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Couples;

public sealed record NewPartner(string? FirstName, string? LastName, string? Email, string? Pronouns);

public sealed record CreateCoupleCommand(IReadOnlyList<NewPartner>? Partners, string? PresentingConcerns, string? Goals,
    DateOnly? StartedOn) : IRequest<CoupleDto>;

public sealed class CreateCoupleValidator : AbstractValidator<CreateCoupleCommand>
{
    public CreateCoupleValidator()
    {
        RuleFor(c => c.Partners).Cascade(CascadeMode.Stop).NotNull().Must(p => p!.Count == 2).WithMessage("A couple has exactly two partners.");
        RuleForEach(c => c.Partners).ChildRules(partner =>
        {
            partner.RuleFor(p => p.FirstName).NotEmpty().MaximumLength(100);
            partner.RuleFor(p => p.LastName).NotEmpty().MaximumLength(100);
            partner.RuleFor(p => p.Email).DeliverableEmail();
            partner.RuleFor(p => p.Pronouns).MaximumLength(40);
        }).When(c => c.Partners is { Count: 2 });
        RuleFor(c => c.Partners).Must(p => !string.Equals(p![0].Email?.Trim(), p[1].Email?.Trim(), StringComparison.OrdinalIgnoreCase))
            .When(c => c.Partners is { Count: 2 }).WithMessage("The two partners need different emails.");
        RuleFor(c => c.PresentingConcerns).MaximumLength(4000);
        RuleFor(c => c.Goals).MaximumLength(4000);
        RuleFor(c => c.StartedOn).NotNull();
    }
}

internal sealed class CreateCoupleHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<CreateCoupleCommand, CoupleDto>
{
    public async Task<CoupleDto> Handle(CreateCoupleCommand command, CancellationToken ct)
    {
        var details = command.Partners!.Select(p => new PartnerDetails(p.FirstName!, p.LastName!, p.Email!, p.Pronouns)).ToList();
        var emails = details.Select(d => d.Email.Trim().ToLowerInvariant()).ToList();
        // Only the caller's own caseload: saying an email is taken elsewhere would tell a therapist that
        // someone is another therapist's client. A duplicate across caseloads is accepted; the second
        // portal account cannot be made (AcceptInvitation), and the admin sees that on the audit trail.
        var taken = await db.Partners.Where(p => emails.Contains(p.Email) && db.Couples.OwnedBy(user).Any(c => c.Id == p.CoupleId))
            .Select(p => p.Email).ToListAsync(ct);
        if (taken.Count > 0)
            throw new FieldValidationException(emails.Select((e, i) => (e, i)).Where(x => taken.Contains(x.e))
                .ToDictionary(x => $"partners[{x.i}].email", _ => new[] { "A partner with this email is already on your caseload." }));

        var couple = Couple.Open(user.Id, details[0], details[1], command.PresentingConcerns ?? "", command.Goals ?? "",
            command.StartedOn!.Value, clock.GetUtcNow());
        db.Couples.Add(couple);
        audit.Record("couple.create", "couple", couple.Id, couple.Id);
        Safety.SafetyChecks.RequestAtIntake(db, audit, couple, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return couple.ToDto();
    }
}
