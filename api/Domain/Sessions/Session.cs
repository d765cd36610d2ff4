using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Sessions;

public enum SessionFormat { InPerson, Video }

public enum Attendance { Both, PartnerA, PartnerB, Cancelled, NoShow }

public enum CyclePosition { Pursue, Withdraw, Mixed, NotObserved }

public static class CycleMarkers
{
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        "cycleNamedByCouple", "repairAttempt", "withdrawerReengagement", "blamerSoftening", "attachmentInjuryRaised",
    };
}

/// <summary>EFT's three stages and nine steps: each step belongs to exactly one stage.</summary>
public static class EftStages
{
    public static (int First, int Last) StepsOf(int stage) => stage switch
    {
        1 => (1, 4),
        2 => (5, 7),
        3 => (8, 9),
        _ => throw new ArgumentOutOfRangeException(nameof(stage), "EFT has stages 1 to 3."),
    };

    public static bool StepLiesInStage(int stage, int step) =>
        stage is >= 1 and <= 3 && step >= StepsOf(stage).First && step <= StepsOf(stage).Last;
}

public sealed record SessionDetails(DateOnly Date, TimeOnly StartTime, int DurationMinutes, SessionFormat Format,
    Attendance Attendance, int EftStage, int EftStep, string Note, IReadOnlyList<TangoMoveUse>? TangoMoves = null,
    IReadOnlyList<ExcerptCandidate>? ExcerptCandidates = null);

/// <summary>
/// One therapy session and its cycle record. Signing locks it; after that the only change is an
/// amendment appended with its author and time, and the original stays as it was.
/// </summary>
public sealed class Session
{
    private readonly List<SessionAmendment> _amendments = [];

    private Session() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public DateOnly Date { get; private set; }
    public TimeOnly StartTime { get; private set; }
    public int DurationMinutes { get; private set; }
    public SessionFormat Format { get; private set; }
    public Attendance Attendance { get; private set; }
    public int EftStage { get; private set; }
    public int EftStep { get; private set; }
    public string Note { get; private set; } = "";
    public CycleRecord? Cycle { get; private set; }
    /// <summary>The EFT Tango moves used in the session, each with a short note (DESIGN §18).</summary>
    public List<TangoMoveUse> TangoMoves { get; private set; } = [];
    /// <summary>Segments marked as excerpt candidates for certification; no recording is stored.</summary>
    public List<ExcerptCandidate> ExcerptCandidates { get; private set; } = [];
    /// <summary>The appointment this session was recorded from, when it was held from one (DESIGN §9).</summary>
    public Guid? AppointmentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public Guid? SignedBy { get; private set; }
    public string? SignedByName { get; private set; }
    public uint Version { get; private set; }

    /// <summary>Signed by a trainee (DESIGN §18): the supervisor's co-signature is awaited until <see cref="CosignedAt"/>.</summary>
    public bool CosignRequired { get; private set; }
    public DateTimeOffset? CosignedAt { get; private set; }
    public Guid? CosignedBy { get; private set; }
    public string? CosignedByName { get; private set; }

    /// <summary>The therapist wants to discuss this session in supervision: it joins the supervisor's queue.</summary>
    public bool DiscussInSupervision { get; private set; }

    /// <summary>When an amendment last corrected the cycle record; the record then holds the corrected values.</summary>
    public DateTimeOffset? CycleCorrectedAt { get; private set; }

    /// <summary>The cycle record's mean intensity, kept with the session for the caseload's read; null without ratings.</summary>
    public double? CycleMean { get; private set; }
    public IReadOnlyList<SessionAmendment> Amendments => _amendments;

    public bool IsSigned => SignedAt is not null;

    public static Session Record(Guid coupleId, SessionDetails details, CycleRecord? cycle, Guid therapistId, DateTimeOffset now)
    {
        var session = new Session { Id = Guid.NewGuid(), CoupleId = coupleId, CreatedAt = now, CreatedBy = therapistId };
        session.Apply(details, cycle);
        return session;
    }

    /// <summary>Recorded from a held appointment (DESIGN §9): the session keeps its id.</summary>
    public void RecordedFrom(Guid appointmentId) => AppointmentId = appointmentId;

    public void Revise(SessionDetails details, CycleRecord? cycle)
    {
        if (IsSigned) throw DomainRuleException.Conflict("This session is signed and locked. Add an amendment instead.");
        Apply(details, cycle);
    }

    /// <param name="requiresCosignature">The signer is a trainee under an active supervision link.</param>
    public void Sign(Guid therapistId, string therapistName, DateTimeOffset now, bool requiresCosignature = false)
    {
        if (IsSigned) throw DomainRuleException.Conflict("This session is already signed.");
        SignedAt = now;
        SignedBy = therapistId;
        SignedByName = therapistName;
        CosignRequired = requiresCosignature;
    }

    public bool AwaitsCosignature => CosignRequired && CosignedAt is null;

    /// <summary>The supervisor's co-signature on a trainee's signed session: once, and only on a signed session that awaits it.</summary>
    public void Cosign(Guid supervisorId, string supervisorName, DateTimeOffset now)
    {
        if (!IsSigned) throw DomainRuleException.Conflict("Only a signed session is co-signed: the trainee signs it first.");
        if (!CosignRequired) throw DomainRuleException.Conflict("This session needs no co-signature.");
        if (CosignedAt is not null) throw DomainRuleException.Conflict("This session is already co-signed.");
        CosignedAt = now;
        CosignedBy = supervisorId;
        CosignedByName = supervisorName;
    }

    public void FlagForSupervision(bool discuss) => DiscussInSupervision = discuss;

    /// <summary>
    /// Appends an amendment. One that corrects the cycle record keeps both the values it replaced and
    /// the corrected ones, and the record then reads the corrected values (so charts and the caseload
    /// follow the correction); the text is the reason.
    /// </summary>
    public const string CorrectionReasonMessage = "Say why the cycle record is corrected.";

    public SessionAmendment Amend(string text, Guid authorId, string authorName, DateTimeOffset now, CycleRecord? correctedCycle = null)
    {
        if (!IsSigned) throw DomainRuleException.Conflict("Only a signed session takes amendments; edit it directly until it is signed.");
        if (correctedCycle is not null && string.IsNullOrWhiteSpace(text))
            throw DomainRuleException.Invalid("text", CorrectionReasonMessage);
        var amendment = SessionAmendment.Create(Id, text, authorId, authorName, now,
            correctedCycle is null ? null : CycleSnapshot.Of(Cycle), correctedCycle is null ? null : CycleSnapshot.Of(correctedCycle));
        _amendments.Add(amendment);
        if (correctedCycle is not null)
        {
            Cycle = correctedCycle;
            CycleMean = correctedCycle.Partners.Count > 0 ? correctedCycle.MeanIntensity : null;
            CycleCorrectedAt = now;
        }
        return amendment;
    }

    private void Apply(SessionDetails details, CycleRecord? cycle)
    {
        if (!EftStages.StepLiesInStage(details.EftStage, details.EftStep))
            throw DomainRuleException.Invalid("eftStep", $"EFT step {details.EftStep} does not lie in stage {details.EftStage}.");
        Date = details.Date;
        StartTime = details.StartTime;
        DurationMinutes = details.DurationMinutes;
        Format = details.Format;
        Attendance = details.Attendance;
        EftStage = details.EftStage;
        EftStep = details.EftStep;
        Note = details.Note;
        TangoMoves = (details.TangoMoves ?? []).ToList();
        ExcerptCandidates = (details.ExcerptCandidates ?? []).ToList();
        Cycle = cycle;
        CycleMean = cycle is { Partners.Count: > 0 } ? cycle.MeanIntensity : null;
    }
}

public sealed class SessionAmendment
{
    private SessionAmendment() { }

    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public string Text { get; private set; } = "";
    public Guid AuthorId { get; private set; }
    public string AuthorName { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>For a cycle correction: the record as it stood before (JSON of <see cref="CycleSnapshot"/>; "null" when there was none).</summary>
    public string? CycleBefore { get; private set; }

    /// <summary>For a cycle correction: the corrected record (JSON of <see cref="CycleSnapshot"/>).</summary>
    public string? CycleAfter { get; private set; }

    public bool CorrectsCycle => CycleAfter is not null;

    internal static SessionAmendment Create(Guid sessionId, string text, Guid authorId, string authorName, DateTimeOffset now,
        CycleSnapshot? before = null, CycleSnapshot? after = null) => new()
    {
        Id = Guid.NewGuid(), SessionId = sessionId, Text = text.Trim(), AuthorId = authorId, AuthorName = authorName, CreatedAt = now,
        CycleBefore = after is null ? null : CycleSnapshot.ToJson(before), CycleAfter = after is null ? null : CycleSnapshot.ToJson(after),
    };
}

/// <summary>A cycle record frozen as values, kept with the amendment that replaced or corrected it.</summary>
public sealed record CycleSnapshot(IReadOnlyList<CycleSnapshot.Rating> Partners, int EpisodesSinceLastSession, int PeakIntensity,
    int RepairMinutes, IReadOnlyList<string> Triggers, IReadOnlyList<string> Markers)
{
    public sealed record Rating(Guid PartnerId, CyclePosition Position, int Intensity);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static CycleSnapshot? Of(CycleRecord? cycle) => cycle is null ? null : new(
        cycle.Partners.Select(p => new Rating(p.PartnerId, p.Position, p.Intensity)).ToList(), cycle.EpisodesSinceLastSession,
        cycle.PeakIntensity, cycle.RepairMinutes, cycle.Triggers.ToList(), cycle.Markers.ToList());

    public static string ToJson(CycleSnapshot? snapshot) => JsonSerializer.Serialize(snapshot, Json);

    public static CycleSnapshot? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<CycleSnapshot>(json, Json);
}

/// <summary>The pursue–withdraw cycle as observed in one session.</summary>
public sealed class CycleRecord
{
    private CycleRecord() { }

    public List<CycleRating> Partners { get; private set; } = [];
    public int EpisodesSinceLastSession { get; private set; }
    public int PeakIntensity { get; private set; }
    public int RepairMinutes { get; private set; }
    public List<string> Triggers { get; private set; } = [];
    public List<string> Markers { get; private set; } = [];

    public static CycleRecord Create(IEnumerable<CycleRating> partners, int episodes, int peakIntensity, int repairMinutes,
        IEnumerable<string> triggers, IEnumerable<string> markers) => new()
    {
        Partners = partners.ToList(), EpisodesSinceLastSession = episodes, PeakIntensity = peakIntensity,
        RepairMinutes = repairMinutes,
        Triggers = triggers.Select(t => t.Trim().ToLowerInvariant()).Where(t => t.Length > 0).Distinct().ToList(),
        Markers = markers.Distinct().ToList(),
    };

    public double MeanIntensity => Partners.Count == 0 ? 0 : Partners.Average(p => p.Intensity);
}

public sealed class CycleRating
{
    private CycleRating() { }

    public Guid PartnerId { get; private set; }
    public CyclePosition Position { get; private set; }
    public int Intensity { get; private set; }

    public static CycleRating Create(Guid partnerId, CyclePosition position, int intensity) =>
        new() { PartnerId = partnerId, Position = position, Intensity = intensity };
}
