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
    Attendance Attendance, int EftStage, int EftStep, string Note);

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
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public Guid? SignedBy { get; private set; }
    public string? SignedByName { get; private set; }
    public uint Version { get; private set; }

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

    public void Revise(SessionDetails details, CycleRecord? cycle)
    {
        if (IsSigned) throw new InvalidOperationException("A signed session cannot be edited; add an amendment instead.");
        Apply(details, cycle);
    }

    public void Sign(Guid therapistId, string therapistName, DateTimeOffset now)
    {
        if (IsSigned) throw new InvalidOperationException("This session is already signed.");
        SignedAt = now;
        SignedBy = therapistId;
        SignedByName = therapistName;
    }

    public SessionAmendment Amend(string text, Guid authorId, string authorName, DateTimeOffset now)
    {
        if (!IsSigned) throw new InvalidOperationException("Only a signed session is amended; edit it directly until it is signed.");
        var amendment = SessionAmendment.Create(Id, text, authorId, authorName, now);
        _amendments.Add(amendment);
        return amendment;
    }

    private void Apply(SessionDetails details, CycleRecord? cycle)
    {
        if (!EftStages.StepLiesInStage(details.EftStage, details.EftStep))
            throw new ArgumentException($"EFT step {details.EftStep} does not lie in stage {details.EftStage}.");
        Date = details.Date;
        StartTime = details.StartTime;
        DurationMinutes = details.DurationMinutes;
        Format = details.Format;
        Attendance = details.Attendance;
        EftStage = details.EftStage;
        EftStep = details.EftStep;
        Note = details.Note;
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

    internal static SessionAmendment Create(Guid sessionId, string text, Guid authorId, string authorName, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), SessionId = sessionId, Text = text.Trim(), AuthorId = authorId, AuthorName = authorName, CreatedAt = now,
    };
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
