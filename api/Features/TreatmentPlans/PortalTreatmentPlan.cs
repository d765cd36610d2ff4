using Clinic.Api.Domain.Practice;
using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Signatures;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Agreements;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

/// <summary>Progress as a partner sees it: only from their own evidence (their own answers, their own homework).</summary>
public sealed record PortalGoalProgressDto(double? Value, double Target, MeasureComparison Comparison, bool? Achieved, string Reading,
    IReadOnlyList<ProgressPoint> History);

/// <param name="Shared">The couple's goal (true) or the caller's own (false).</param>
public sealed record PortalGoalDto(Guid Id, bool Shared, string Statement, DateOnly? TargetDate, GoalStatus Status,
    PortalGoalProgressDto? Progress);

/// <summary>
/// The plan as one partner sees it: the couple's goals and their own, in plain words — never the other partner's goals,
/// the problem statements or any intervention. <c>Text</c> is what agreeing signs (its SHA-256 beside it).
/// </summary>
public sealed record PortalTreatmentPlanDto(int Version, DateTimeOffset SavedAt, IReadOnlyList<PortalGoalDto> Goals, string Text,
    string TextSha256, int? AgreedVersion, DateTimeOffset? AgreedAt);

public sealed record GetPortalTreatmentPlanQuery : IRequest<PortalTreatmentPlanDto>;

/// <summary>Agree to the version read: <c>{ version, typedName, agreeToSignElectronically: true, textSha256? }</c>.</summary>
public sealed record AgreeToTreatmentPlanCommand(int? Version, string? TypedName, bool? AgreeToSignElectronically, string? TextSha256)
    : IRequest<PortalTreatmentPlanDto>;

public sealed class AgreeToTreatmentPlanValidator : AbstractValidator<AgreeToTreatmentPlanCommand>
{
    public AgreeToTreatmentPlanValidator()
    {
        RuleFor(c => c.Version).NotNull().WithMessage("Send the version of the plan you read.");
        RuleFor(c => c.TypedName).NotEmpty().WithMessage("Type your full name to sign.").MaximumLength(ElectronicSignature.MaxTypedName);
        RuleFor(c => c.AgreeToSignElectronically).Equal(true).WithMessage("Tick the box to agree to sign electronically.");
        RuleFor(c => c.TextSha256).MaximumLength(64);
    }
}

internal sealed class PortalTreatmentPlanReader(ClinicDbContext db, GoalEvidenceReader evidence)
{
    public async Task<(PortalTreatmentPlanDto View, TreatmentPlanVersion Current)> ReadAsync(Partner me, Couple couple, CancellationToken ct)
    {
        var (_, current) = await db.CurrentPlanAsync(couple.Id, ct);
        if (current is null) throw new NotFoundException("treatment plan");
        var mine = me.Label == PartnerLabel.PartnerA ? GoalOwner.PartnerA : GoalOwner.PartnerB;
        var goals = current.Goals.Where(g => g.Owner == GoalOwner.Couple || g.Owner == mine).ToList();
        var facts = goals.Any(g => g.Measure is not null) ? await evidence.ReadAsync(couple.TherapistId, couple.Id, ct) : null;
        var agreed = await db.TreatmentPlanAgreements.Where(a => a.CoupleId == couple.Id && a.PartnerId == me.Id)
            .OrderByDescending(a => a.Version).FirstOrDefaultAsync(ct);
        var text = Text(current.Version, goals);
        var view = new PortalTreatmentPlanDto(current.Version, current.SavedAt,
            goals.Select(g => new PortalGoalDto(g.Id, g.Owner == GoalOwner.Couple, g.Statement, g.TargetDate, g.Status,
                g.Measure is { } m && facts is not null ? Progress(m, GoalEvaluator.Evaluate(m, facts), me.Label) : null)).ToList(),
            text, ElectronicSignature.Sha256(text), agreed?.Version, agreed?.SignedAt);
        return (view, current);
    }

    /// <summary>
    /// Only evidence the partner may see (DESIGN §1): their own scores of an instrument, their own homework. The cycle, the
    /// stage and the other partner's answers are the therapist's, so those goals show no progress here.
    /// </summary>
    private static PortalGoalProgressDto? Progress(GoalMeasure m, GoalProgress p, PartnerLabel me)
    {
        var label = me == PartnerLabel.PartnerA ? MeasurePartner.PartnerA : MeasurePartner.PartnerB;
        if (m.Kind == MeasureKind.Instrument && p.Partners.FirstOrDefault(x => x.Partner == me) is { } own)
            return new PortalGoalProgressDto(own.Value, m.Target, m.Comparison, own.Achieved,
                own.Achieved switch
                {
                    null => "No answers yet.",
                    true => $"Target reached on {ReadableDates.Day(own.EvidenceOn!.Value)}.",
                    false => "Not reached yet.",
                },
                p.History.Where(h => h.Partner == me).ToList());
        if (m.Kind == MeasureKind.Homework && m.Partner == label)
            return new PortalGoalProgressDto(p.Value, m.Target, m.Comparison, p.Achieved, p.Reading, p.History);
        return null;
    }

    /// <summary>The words a partner agrees to: the version and their goals, without progress (which changes daily).</summary>
    private static string Text(int version, IReadOnlyList<PlanGoal> goals)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"Our treatment plan, version {version}\n");
        void Section(string title, IEnumerable<PlanGoal> list)
        {
            var items = list.ToList();
            if (items.Count == 0) return;
            text.Append('\n').Append(title).Append('\n');
            foreach (var g in items)
                text.Append("- ").Append(g.Statement).Append(g.TargetDate is { } d ? $" (by {ReadableDates.Day(d)})" : "").Append('\n');
        }
        Section("Our goals as a couple:", goals.Where(g => g.Owner == GoalOwner.Couple));
        Section("My own goals:", goals.Where(g => g.Owner != GoalOwner.Couple));
        return text.ToString();
    }
}

internal sealed class GetPortalTreatmentPlanHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PortalTreatmentPlanReader reader)
    : IRequestHandler<GetPortalTreatmentPlanQuery, PortalTreatmentPlanDto>
{
    public async Task<PortalTreatmentPlanDto> Handle(GetPortalTreatmentPlanQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var (view, _) = await reader.ReadAsync(me, couple, ct);
        audit.Record("portal.treatment_plan.read", "treatment_plan", couple.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return view;
    }
}

/// <summary>Signs the version the partner read; agreeing again to the same version stores nothing new.</summary>
internal sealed class AgreeToTreatmentPlanHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, PortalTreatmentPlanReader reader,
    RequestSigner signer, TimeProvider clock) : IRequestHandler<AgreeToTreatmentPlanCommand, PortalTreatmentPlanDto>
{
    public async Task<PortalTreatmentPlanDto> Handle(AgreeToTreatmentPlanCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var (view, current) = await reader.ReadAsync(me, couple, ct);
        if (command.Version != current.Version)
            throw new ConflictException($"Your therapist has updated the plan since you opened it (now version {current.Version}). Read it again before you agree.",
                new Dictionary<string, object?> { ["currentVersion"] = current.Version });
        if (view.AgreedVersion == current.Version) return view;
        couple.EnsureOpen();
        var signature = ElectronicSignature.Sign(new SignatureRequest(command.TypedName, command.AgreeToSignElectronically, command.TextSha256),
            new SignerName(me.FirstName, me.LastName), view.Text, signer.Context, clock.GetUtcNow());
        db.TreatmentPlanAgreements.Add(TreatmentPlanAgreement.From(couple.Id, current.Version, me.Id, signature));
        audit.Record("portal.treatment_plan.agree", "treatment_plan", couple.Id, couple.Id, detail: $"version {current.Version}");
        await db.SaveChangesAsync(ct);
        return view with { AgreedVersion = current.Version, AgreedAt = signature.SignedAt };
    }
}
