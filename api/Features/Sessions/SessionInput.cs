using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;

namespace Clinic.Api.Features.Sessions;

public sealed record CycleRatingInput(Guid? PartnerId, CyclePosition? Position, int? Intensity);

public sealed record CycleInput(IReadOnlyList<CycleRatingInput>? Partners, int? EpisodesSinceLastSession, int? PeakIntensity,
    int? RepairMinutes, IReadOnlyList<string>? Triggers, IReadOnlyList<string>? Markers);

public sealed record TangoMoveInput(string? Move, string? Note);

/// <summary>A segment marked as an excerpt candidate: stage, time stamps into the recording ("12:30"), where the recording is kept as a note.</summary>
public sealed record ExcerptCandidateInput(int? Stage, string? StartsAt, string? EndsAt, string? Note);

/// <summary>What a therapist writes about a session, shared by create and update.</summary>
public interface ISessionInput
{
    DateOnly? Date { get; }
    TimeOnly? StartTime { get; }
    int? DurationMinutes { get; }
    SessionFormat? Format { get; }
    Attendance? Attendance { get; }
    int? EftStage { get; }
    int? EftStep { get; }
    string? Note { get; }
    CycleInput? Cycle { get; }
    IReadOnlyList<TangoMoveInput>? TangoMoves { get; }
    IReadOnlyList<ExcerptCandidateInput>? ExcerptCandidates { get; }
}

public static class SessionInputRules
{
    public const int MaxNoteLength = 20_000;
    public const int MaxTangoNoteLength = 500;
    public const int MaxExcerptCandidates = 10;

    public static void AddSessionRules<T>(this AbstractValidator<T> v) where T : ISessionInput
    {
        v.RuleFor(s => s.Date).NotNull();
        v.RuleFor(s => s.StartTime).NotNull();
        v.RuleFor(s => s.DurationMinutes).NotNull().InclusiveBetween(1, 480);
        v.RuleFor(s => s.Format).NotNull();
        v.RuleFor(s => s.Attendance).NotNull();
        v.RuleFor(s => s.EftStage).NotNull().InclusiveBetween(1, 3);
        v.RuleFor(s => s.EftStep).NotNull().InclusiveBetween(1, 9);
        v.RuleFor(s => s.EftStep)
            .Must((s, step) => EftStages.StepLiesInStage(s.EftStage!.Value, step!.Value))
            .When(s => s.EftStage is >= 1 and <= 3 && s.EftStep is >= 1 and <= 9)
            .WithMessage(s => $"Stage {s.EftStage} covers steps {EftStages.StepsOf(s.EftStage!.Value).First}–{EftStages.StepsOf(s.EftStage!.Value).Last}.");
        v.RuleFor(s => s.Note).MaximumLength(MaxNoteLength);
        v.RuleFor(s => s.Cycle!).SetValidator(new CycleInputValidator()).When(s => s.Cycle is not null);
        v.AddTangoRules();
    }

    /// <summary>Each Tango move at most once, named as the issue names them, with a short note; excerpt candidates inside the session.</summary>
    private static void AddTangoRules<T>(this AbstractValidator<T> v) where T : ISessionInput
    {
        v.RuleFor(s => s.TangoMoves).Must(m => m!.Select(x => x?.Move).Distinct().Count() == m!.Count)
            .When(s => s.TangoMoves is not null).WithMessage("Each Tango move is recorded once.");
        v.RuleForEach(s => s.TangoMoves).NotNull().ChildRules(move =>
        {
            move.RuleFor(m => m.Move).NotEmpty().Must(TangoMoves.IsMove)
                .WithMessage("Unknown Tango move. Use one of: " + string.Join(", ", TangoMoves.All) + ".");
            move.RuleFor(m => m.Note).MaximumLength(MaxTangoNoteLength);
        });
        v.RuleFor(s => s.ExcerptCandidates).Must(e => e!.Count <= MaxExcerptCandidates)
            .When(s => s.ExcerptCandidates is not null).WithMessage($"At most {MaxExcerptCandidates} excerpt candidates.");
        v.RuleForEach(s => s.ExcerptCandidates).NotNull().ChildRules(excerpt =>
        {
            excerpt.RuleFor(e => e.Stage).NotNull().InclusiveBetween(1, 3);
            excerpt.RuleFor(e => e.StartsAt).Must(t => ExcerptCandidate.Seconds(t) is not null).WithMessage(StampMessage);
            excerpt.RuleFor(e => e.EndsAt).Must(t => ExcerptCandidate.Seconds(t) is not null).WithMessage(StampMessage);
            excerpt.RuleFor(e => e.EndsAt).Must((e, end) => ExcerptCandidate.Seconds(end) > ExcerptCandidate.Seconds(e.StartsAt))
                .When(e => ExcerptCandidate.Seconds(e.StartsAt) is not null && ExcerptCandidate.Seconds(e.EndsAt) is not null)
                .WithMessage("The excerpt ends after it starts.");
            excerpt.RuleFor(e => e.Note).MaximumLength(MaxTangoNoteLength);
        });
        v.RuleFor(s => s.ExcerptCandidates).Custom((excerpts, context) =>
        {
            var minutes = context.InstanceToValidate.DurationMinutes;
            if (excerpts is null || minutes is not (>= 1 and <= 480)) return;
            for (var i = 0; i < excerpts.Count; i++)
                if (ExcerptCandidate.Seconds(excerpts[i]?.EndsAt) > minutes * 60)
                    context.AddFailure($"excerptCandidates[{i}].endsAt", $"An excerpt lies within the session's {minutes} minutes.");
        });
    }

    private const string StampMessage = "Write the time stamp as minutes and seconds (\"12:30\") or hours, minutes and seconds (\"1:02:30\").";

    public static SessionDetails Details(this ISessionInput input) => new(input.Date!.Value, input.StartTime!.Value,
        input.DurationMinutes!.Value, input.Format!.Value, input.Attendance!.Value, input.EftStage!.Value, input.EftStep!.Value,
        input.Note ?? "",
        input.TangoMoves?.Select(m => new TangoMoveUse(m.Move!, m.Note?.Trim() ?? "")).ToList(),
        input.ExcerptCandidates?.Select(e => new ExcerptCandidate(e.Stage!.Value, e.StartsAt!.Trim(), e.EndsAt!.Trim(), e.Note?.Trim() ?? "")).ToList());

    public static CycleRecord? CycleFor(this ISessionInput input, Couple couple) => input.Cycle?.ToRecord(couple);

    /// <summary>Builds the cycle record, insisting its partners are this couple's partners.</summary>
    public static CycleRecord ToRecord(this CycleInput cycle, Couple couple)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < cycle.Partners!.Count; i++)
            if (!couple.HasPartner(cycle.Partners[i].PartnerId))
                errors[$"cycle.partners[{i}].partnerId"] = [Couple.NotAPartnerMessage];
        if (errors.Count > 0) throw new FieldValidationException(errors);
        return CycleRecord.Create(
            cycle.Partners.Select(r => CycleRating.Create(r.PartnerId!.Value, r.Position!.Value, r.Intensity!.Value)),
            cycle.EpisodesSinceLastSession!.Value, cycle.PeakIntensity!.Value, cycle.RepairMinutes!.Value,
            cycle.Triggers ?? [], cycle.Markers ?? []);
    }
}

/// <summary>A cycle record as written in a session or in an amendment that corrects one.</summary>
public sealed class CycleInputValidator : AbstractValidator<CycleInput>
{
    public CycleInputValidator()
    {
        RuleFor(c => c.Partners).Cascade(CascadeMode.Stop).NotNull().Must(p => p!.Count == 2)
            .WithMessage("The cycle record rates both partners.");
        RuleForEach(c => c.Partners).ChildRules(rating =>
        {
            rating.RuleFor(r => r.PartnerId).NotNull();
            rating.RuleFor(r => r.Position).NotNull();
            rating.RuleFor(r => r.Intensity).NotNull().InclusiveBetween(0, 10);
        });
        RuleFor(c => c.Partners).Must(p => p!.Select(r => r.PartnerId).Distinct().Count() == p!.Count)
            .When(c => c.Partners is { Count: 2 }).WithMessage("Each partner is rated once.");
        RuleFor(c => c.EpisodesSinceLastSession).NotNull().InclusiveBetween(0, 1000);
        RuleFor(c => c.PeakIntensity).NotNull().InclusiveBetween(0, 10);
        RuleFor(c => c.RepairMinutes).NotNull().InclusiveBetween(0, 10_080);
        RuleFor(c => c.Triggers).Must(t => t is null || t.Count <= 20).WithMessage("At most 20 triggers.");
        RuleForEach(c => c.Triggers).NotEmpty().MaximumLength(40);
        RuleForEach(c => c.Markers).Must(m => CycleMarkers.All.Contains(m))
            .WithMessage("Unknown marker. Use one of: " + string.Join(", ", CycleMarkers.All) + ".");
    }
}
