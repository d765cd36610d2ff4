using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.TreatmentPlans;

/// <summary>Whose goal it is: the couple's shared goal, or one partner's own.</summary>
public enum GoalOwner
{
    [JsonStringEnumMemberName("couple")] Couple,
    [JsonStringEnumMemberName("partner_a")] PartnerA,
    [JsonStringEnumMemberName("partner_b")] PartnerB,
}

/// <summary>A goal's status: only the therapist changes it; a reached target never marks a goal met by itself.</summary>
public enum GoalStatus
{
    [JsonStringEnumMemberName("active")] Active,
    [JsonStringEnumMemberName("met")] Met,
    [JsonStringEnumMemberName("revised")] Revised,
    [JsonStringEnumMemberName("dropped")] Dropped,
}

/// <summary>An EFT stage and step the therapist plans to work in (either may be left out) and what they will do, in words.</summary>
public sealed record GoalIntervention(int? Stage, int? Step, string Text);

/// <summary>
/// One goal of a plan as stored in a version. <c>StatusChangedAt</c>/<c>StatusChangedByName</c> are the save that
/// set the status it has (the goal's first save, or the one that changed it), carried forward while it stays.
/// </summary>
public sealed record PlanGoal(Guid Id, GoalOwner Owner, string Statement, DateOnly? TargetDate,
    IReadOnlyList<GoalIntervention> Interventions, GoalStatus Status, DateTimeOffset StatusChangedAt, string StatusChangedByName,
    GoalMeasure? Measure);

/// <summary>What a save asks for: a goal with its id (null for a new goal) and everything the therapist writes.</summary>
public sealed record PlanGoalDetails(Guid? Id, GoalOwner Owner, string Statement, DateOnly? TargetDate,
    IReadOnlyList<GoalIntervention> Interventions, GoalStatus Status, GoalMeasure? Measure);

/// <summary>
/// A couple's treatment plan (DESIGN §14). Like the cycle map, every save is a new numbered version and the earlier
/// ones stay; the plan holds the current number (the concurrency token a save must name), the review interval, and
/// the date the review clock runs from (the first save, then each review).
/// </summary>
public sealed class TreatmentPlan
{
    public const int MinReviewWeeks = 2;
    public const int MaxReviewWeeks = 26;

    private TreatmentPlan() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public int ReviewEveryWeeks { get; private set; }
    public DateOnly ReviewFrom { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>The day the next review falls due: <c>reviewEvery</c> weeks after the first save or the last review.</summary>
    public DateOnly ReviewDueOn => ReviewFrom.AddDays(7 * ReviewEveryWeeks);

    /// <summary><see cref="ReviewDueOn"/> for the caseload's SQL (SqlRulesTests holds the two together).</summary>
    public static string ReviewDueOnSql(string alias) => $"({alias}.review_from + 7 * {alias}.review_every_weeks)";

    public static TreatmentPlan Start(Guid coupleId, int reviewEveryWeeks, DateOnly today, DateTimeOffset now) =>
        new() { CoupleId = coupleId, Version = 0, ReviewEveryWeeks = reviewEveryWeeks, ReviewFrom = today, CreatedAt = now, UpdatedAt = now };

    /// <summary>
    /// A new version built on <paramref name="current"/> (null before the first save). The caller names the version it
    /// read; only the current one may be built on. A goal keeps its id; one whose status changed is stamped with this save.
    /// </summary>
    public TreatmentPlanVersion Save(int versionRead, TreatmentPlanVersion? current, IReadOnlyList<string> problemStatements,
        IReadOnlyList<PlanGoalDetails> goals, int reviewEveryWeeks, Guid by, string byName, DateTimeOffset now)
    {
        if (versionRead != Version) throw new StaleTreatmentPlanException(Version);
        if (reviewEveryWeeks is < MinReviewWeeks or > MaxReviewWeeks)
            throw DomainRuleException.Invalid("reviewEvery", $"Review the plan every {MinReviewWeeks} to {MaxReviewWeeks} weeks.");
        var previous = (current?.Goals ?? []).ToDictionary(g => g.Id);
        var stored = new List<PlanGoal>();
        for (var i = 0; i < goals.Count; i++)
        {
            var g = goals[i];
            PlanGoal? before = null;
            if (g.Id is { } id && !previous.TryGetValue(id, out before))
                throw DomainRuleException.Invalid($"goals[{i}].id", "This is not a goal of this plan: leave the id out for a new goal.");
            var unchanged = before is not null && before.Status == g.Status;
            stored.Add(new PlanGoal(before?.Id ?? Guid.NewGuid(), g.Owner, g.Statement.Trim(), g.TargetDate,
                g.Interventions.Select(x => x with { Text = x.Text.Trim() }).ToList(), g.Status,
                unchanged ? before!.StatusChangedAt : now, unchanged ? before!.StatusChangedByName : byName, g.Measure));
        }
        if (stored.Select(g => g.Id).Distinct().Count() != stored.Count)
            throw DomainRuleException.Invalid("goals", "Each goal may appear once.");
        Version++;
        ReviewEveryWeeks = reviewEveryWeeks;
        UpdatedAt = now;
        return TreatmentPlanVersion.Create(CoupleId, Version, problemStatements.Select(p => p.Trim()).ToList(), stored,
            reviewEveryWeeks, by, byName, now);
    }

    /// <summary>A review of the current version; the next falls due <c>reviewEvery</c> weeks from its day.</summary>
    public TreatmentPlanReview Review(string summary, string changes, DateOnly today, Guid by, string byName, DateTimeOffset now)
    {
        if (Version == 0) throw DomainRuleException.Conflict("Save the treatment plan before reviewing it.");
        ReviewFrom = today;
        UpdatedAt = now;
        return TreatmentPlanReview.Create(CoupleId, Version, summary.Trim(), changes.Trim(), today, by, byName, now);
    }
}

/// <summary>The write named a version that is no longer the current one.</summary>
public sealed class StaleTreatmentPlanException(int current)
    : Exception($"This treatment plan was saved again since you read it (now version {current}). Reload to see it, then try again.")
{
    public int Current { get; } = current;
}

/// <summary>One saved state of a plan, never changed after it is written.</summary>
public sealed class TreatmentPlanVersion
{
    private TreatmentPlanVersion() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public List<string> ProblemStatements { get; private set; } = [];
    public List<PlanGoal> Goals { get; private set; } = [];
    public int ReviewEveryWeeks { get; private set; }
    public DateTimeOffset SavedAt { get; private set; }
    public Guid SavedBy { get; private set; }
    public string SavedByName { get; private set; } = "";

    internal static TreatmentPlanVersion Create(Guid coupleId, int version, List<string> problems, List<PlanGoal> goals,
        int reviewEveryWeeks, Guid by, string byName, DateTimeOffset now) => new()
    {
        CoupleId = coupleId, Version = version, ProblemStatements = problems, Goals = goals, ReviewEveryWeeks = reviewEveryWeeks,
        SavedAt = now, SavedBy = by, SavedByName = byName,
    };
}

/// <summary>A dated review of the plan: what the therapist found and what they changed.</summary>
public sealed class TreatmentPlanReview
{
    private TreatmentPlanReview() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public int PlanVersion { get; private set; }
    public DateOnly ReviewedOn { get; private set; }
    public DateTimeOffset ReviewedAt { get; private set; }
    public Guid ReviewedBy { get; private set; }
    public string ReviewedByName { get; private set; } = "";
    public string Summary { get; private set; } = "";
    public string Changes { get; private set; } = "";

    internal static TreatmentPlanReview Create(Guid coupleId, int version, string summary, string changes, DateOnly today, Guid by,
        string byName, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, PlanVersion = version, ReviewedOn = today, ReviewedAt = now, ReviewedBy = by,
        ReviewedByName = byName, Summary = summary, Changes = changes,
    };
}

/// <summary>A partner's electronic signature of one version of the plan, as they were shown it in the portal.</summary>
public sealed class TreatmentPlanAgreement
{
    private TreatmentPlanAgreement() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public Guid PartnerId { get; private set; }
    public string TypedName { get; private set; } = "";
    public bool AgreedToSignElectronically { get; private set; }
    public string TextSha256 { get; private set; } = "";
    public DateTimeOffset SignedAt { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }

    public static TreatmentPlanAgreement From(Guid coupleId, int version, Guid partnerId, Signatures.ElectronicSignature signature) => new()
    {
        CoupleId = coupleId, Version = version, PartnerId = partnerId, TypedName = signature.TypedName,
        AgreedToSignElectronically = signature.AgreedToSignElectronically, TextSha256 = signature.TextSha256, SignedAt = signature.SignedAt,
        ClientAddress = signature.ClientAddress, UserAgent = signature.UserAgent,
    };
}
