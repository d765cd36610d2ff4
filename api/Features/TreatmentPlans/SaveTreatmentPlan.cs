using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

/// <summary>How a goal measures itself; <c>partner</c> defaults to both.</summary>
public sealed record GoalMeasureInput(MeasureKind? Kind, string? Instrument, string? Subscale, MeasurePartner? Partner,
    MeasureComparison? Comparison, double? Target);

public sealed record GoalInterventionInput(int? Stage, int? Step, string? Text);

/// <summary>A goal to save: <c>id</c> as read for a goal already in the plan, left out for a new one.</summary>
public sealed record PlanGoalInput(Guid? Id, GoalOwner? Owner, string? Statement, DateOnly? TargetDate,
    IReadOnlyList<GoalInterventionInput>? Interventions, GoalStatus? Status, GoalMeasureInput? Measure) : IAcceptsReadBody
{
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

/// <summary><c>Version</c> is the version read (0 before the first save); <c>ReviewEvery</c> is in weeks (2–26).</summary>
public sealed record SaveTreatmentPlanCommand(int? Version, IReadOnlyList<string>? ProblemStatements, IReadOnlyList<PlanGoalInput>? Goals,
    int? ReviewEvery) : IRequest<TreatmentPlanDto>, IAcceptsReadBody
{
    internal Guid CoupleId { get; init; }
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class SaveTreatmentPlanValidator : AbstractValidator<SaveTreatmentPlanCommand>
{
    public const int MaxText = 2000;
    public const int MaxGoals = 30;

    public SaveTreatmentPlanValidator(InstrumentCatalogue instruments)
    {
        RuleFor(c => c.Version).VersionRead(firstSave: "0 for a new plan").GreaterThanOrEqualTo(0);
        RuleFor(c => c.ReviewEvery).NotNull().WithMessage("Say how often the plan is reviewed, in weeks.")
            .InclusiveBetween(TreatmentPlan.MinReviewWeeks, TreatmentPlan.MaxReviewWeeks)
            .WithMessage($"Review the plan every {TreatmentPlan.MinReviewWeeks} to {TreatmentPlan.MaxReviewWeeks} weeks.");
        RuleFor(c => c.ProblemStatements).Must(p => p is null || p.Count <= 20).WithMessage("A plan has at most 20 problem statements.");
        RuleForEach(c => c.ProblemStatements).NotEmpty().WithMessage("Write the problem, or remove the empty line.").MaximumLength(MaxText);
        RuleFor(c => c.Goals).Must(g => g is null || g.Count <= MaxGoals).WithMessage($"A plan has at most {MaxGoals} goals.");
        RuleForEach(c => c.Goals).ChildRules(goal =>
        {
            goal.RuleFor(g => g.Owner).NotNull().WithMessage("Say whose goal it is: couple, partner_a or partner_b.");
            goal.RuleFor(g => g.Statement).NotEmpty().WithMessage("State the goal in plain words.").MaximumLength(1000);
            goal.RuleFor(g => g.Status).NotNull().WithMessage("Give the goal's status: active, met, revised or dropped.");
            goal.RuleFor(g => g.Interventions).Must(i => i is null || i.Count <= 20).WithMessage("A goal has at most 20 interventions.");
            goal.RuleForEach(g => g.Interventions).ChildRules(step =>
            {
                step.RuleFor(i => i.Stage).InclusiveBetween(1, 3).WithMessage("EFT has stages 1 to 3.");
                step.RuleFor(i => i.Step).InclusiveBetween(1, 9).WithMessage("EFT has steps 1 to 9.");
                step.RuleFor(i => i.Step).Must((i, s) => EftStages.StepLiesInStage(i.Stage!.Value, s!.Value))
                    .When(i => i.Stage is >= 1 and <= 3 && i.Step is >= 1 and <= 9).WithMessage("The step must lie in its stage.");
                step.RuleFor(i => i.Text).MaximumLength(MaxText)
                    .Must((i, t) => !string.IsNullOrWhiteSpace(t) || i.Stage is not null).WithMessage("Say what you will do, or give a stage.");
            });
            goal.RuleFor(g => g.Measure!).SetValidator(new GoalMeasureValidator(instruments)).When(g => g.Measure is not null);
        });
    }
}

public sealed class GoalMeasureValidator : AbstractValidator<GoalMeasureInput>
{
    public GoalMeasureValidator(InstrumentCatalogue instruments)
    {
        RuleFor(m => m.Kind).NotNull().WithMessage("Give the measure's kind: instrument, cycle, stage or homework.");
        RuleFor(m => m.Comparison).NotNull().WithMessage("Give the comparison: at_least or at_most.");
        RuleFor(m => m.Target).NotNull().WithMessage("Give the target.");
        When(m => m.Kind == MeasureKind.Instrument, () =>
        {
            RuleFor(m => m.Instrument).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Name the instrument.")
                .Must(i => instruments.Latest(i) is not null)
                .WithMessage("Unknown instrument. Use one of: " + string.Join(", ", instruments.All.Select(d => d.Code).Distinct()) + ".");
            RuleFor(m => m.Subscale).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Name the score (subscale) the goal reads.")
                .Must((m, s) => instruments.Latest(m.Instrument)!.Subscales.Any(x => x.Code == s))
                .When(m => instruments.Latest(m.Instrument) is not null)
                .WithMessage(m => $"{m.Instrument} reports: {string.Join(", ", instruments.Latest(m.Instrument)!.Subscales.Select(s => s.Code))}.");
            RuleFor(m => m.Target).Must((m, t) => SubscaleOf(instruments, m) is not { Range: { } r } || (t >= r.Min && t <= r.Max))
                .When(m => m.Target is not null)
                .WithMessage(m => $"The target must lie in the score's range ({SubscaleOf(instruments, m)!.Range}).");
        });
        When(m => m.Kind is MeasureKind.Cycle or MeasureKind.Stage or MeasureKind.Homework, () =>
        {
            RuleFor(m => m.Instrument).Null().WithMessage("Only an instrument measure names an instrument.");
            RuleFor(m => m.Subscale).Null().WithMessage("Only an instrument measure names a score.");
        });
        RuleFor(m => m.Target).InclusiveBetween(0, 10).When(m => m.Kind == MeasureKind.Cycle)
            .WithMessage("Cycle intensity runs 0 to 10.");
        RuleFor(m => m.Target).Must(t => t is 1 or 2 or 3).When(m => m.Kind == MeasureKind.Stage && m.Target is not null)
            .WithMessage("EFT has stages 1 to 3.");
        RuleFor(m => m.Partner).Must(p => p is null or MeasurePartner.Both).When(m => m.Kind == MeasureKind.Stage)
            .WithMessage("The EFT stage is the couple's: leave partner out or send both.");
        RuleFor(m => m.Target).InclusiveBetween(0, 100).When(m => m.Kind == MeasureKind.Homework)
            .WithMessage("Homework adherence is a percentage, 0 to 100.");
    }

    private static Domain.Assessments.SubscaleDefinition? SubscaleOf(InstrumentCatalogue instruments, GoalMeasureInput m) =>
        instruments.Latest(m.Instrument)?.Subscales.FirstOrDefault(s => s.Code == m.Subscale);
}

internal sealed class SaveTreatmentPlanHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar, GoalEvidenceReader evidence, InstrumentCatalogue instruments)
    : IRequestHandler<SaveTreatmentPlanCommand, TreatmentPlanDto>
{
    public async Task<TreatmentPlanDto> Handle(SaveTreatmentPlanCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var now = clock.GetUtcNow();
        var today = calendar.Today();
        var (plan, current) = await db.CurrentPlanAsync(couple.Id, ct, tracking: true);
        var goals = command.Goals ?? [];
        // The GET's body goes back as it is: its read-only members must be as read (progress is computed live, so any
        // value is accepted for it); a stale version is 409 below.
        if (command.Version == (plan?.Version ?? 0))
        {
            var read = TreatmentPlanMapping.ToDto(couple.Id, plan, current, null, today, await db.LastReviewedOnAsync(couple.Id, ct),
                await db.PlanAgreementsAsync(couple.Id, ct));
            ReadOnlyMemberCheck.Check(command, read);
            for (var i = 0; i < goals.Count; i++)
            {
                goals[i].ReadOnlyMembers?.Remove("progress");
                if (read.Goals.FirstOrDefault(g => g.Id == goals[i].Id) is { } stored)
                    ReadOnlyMemberCheck.Check(goals[i], stored, $"goals[{i}].");
                else if (goals[i].ReadOnlyMembers is { Count: > 0 } extra)
                    throw new FieldValidationException(extra.Keys.ToDictionary(k => $"goals[{i}].{k}", _ => new[] { "This field is not allowed here." }));
            }
        }
        if (plan is null) db.TreatmentPlans.Add(plan = TreatmentPlan.Start(couple.Id, command.ReviewEvery!.Value, today, now));
        var author = (await db.Users.Where(u => u.Id == user.Id).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct)).Trim();
        var details = goals.Select(g => new PlanGoalDetails(g.Id, g.Owner!.Value, g.Statement!, g.TargetDate,
            (g.Interventions ?? []).Select(i => new GoalIntervention(i.Stage, i.Step, i.Text ?? "")).ToList(), g.Status!.Value,
            g.Measure is { } m ? Measure(m) : null)).ToList();
        TreatmentPlanVersion saved;
        try
        {
            saved = plan.Save(command.Version!.Value, current, command.ProblemStatements ?? [], details, command.ReviewEvery!.Value, user.Id,
                author, now);
        }
        catch (StaleTreatmentPlanException stale)
        {
            throw new ConflictException(stale.Message, new Dictionary<string, object?> { ["currentVersion"] = stale.Current });
        }
        db.TreatmentPlanVersions.Add(saved);
        audit.Record("treatment_plan.save", "treatment_plan", couple.Id, couple.Id, detail: $"version {saved.Version}");
        // Two saves from the same version: the row's version guards the update, the first insert's key the creation.
        await db.SaveChangesAsync(ct);
        var facts = saved.Goals.Any(g => g.Measure is not null) ? await evidence.ReadAsync(user.Id, couple.Id, ct) : null;
        return TreatmentPlanMapping.ToDto(couple.Id, plan, saved, facts, today, await db.LastReviewedOnAsync(couple.Id, ct),
            await db.PlanAgreementsAsync(couple.Id, ct));
    }

    /// <summary>The instrument and subscale as the catalogue spells them ("csi-4" is CSI-4).</summary>
    private GoalMeasure Measure(GoalMeasureInput m) => new(m.Kind!.Value,
        m.Kind == MeasureKind.Instrument ? instruments.Latest(m.Instrument)!.Code : null,
        m.Kind == MeasureKind.Instrument ? m.Subscale : null, m.Partner ?? MeasurePartner.Both, m.Comparison!.Value, m.Target!.Value);
}
