namespace Clinic.Api.Domain.Conceptualisations;

/// <summary>
/// What a case conceptualisation says, section by section (the EFT certification's headings): the presenting concerns,
/// each partner's attachment, the cycle, progress through the stages, key change events, the Tango moves used, the
/// measures, the goals, and the therapist's own formulation tying them together.
/// </summary>
public sealed record ConceptualisationSections(string PresentingConcerns, string Attachment, string Cycle, string Progress,
    string ChangeEvents, string TangoMoves, string Measures, string Goals, string Formulation)
{
    public const int MaxLength = 8000;

    public static readonly ConceptualisationSections Empty = new("", "", "", "", "", "", "", "", "");

    public ConceptualisationSections Trimmed() => new(PresentingConcerns.Trim(), Attachment.Trim(), Cycle.Trim(), Progress.Trim(),
        ChangeEvents.Trim(), TangoMoves.Trim(), Measures.Trim(), Goals.Trim(), Formulation.Trim());
}

/// <summary>
/// A couple's case conceptualisation (DESIGN §18): versioned like the treatment plan — every save is a new numbered
/// version and the earlier ones stay; this row holds only the current number, which a save must name.
/// </summary>
public sealed class CaseConceptualisation
{
    private CaseConceptualisation() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static CaseConceptualisation Start(Guid coupleId, DateTimeOffset now) =>
        new() { CoupleId = coupleId, Version = 0, CreatedAt = now, UpdatedAt = now };

    /// <summary>A new version; the caller names the version it read (0 for the draft), and only the current one may be built on.</summary>
    public CaseConceptualisationVersion Save(int versionRead, ConceptualisationSections sections, Guid by, string byName, DateTimeOffset now)
    {
        if (versionRead != Version) throw new StaleConceptualisationException(Version);
        Version++;
        UpdatedAt = now;
        return CaseConceptualisationVersion.Create(CoupleId, Version, sections.Trimmed(), by, byName, now);
    }
}

/// <summary>The write named a version that is no longer the current one.</summary>
public sealed class StaleConceptualisationException(int current)
    : Exception($"This case conceptualisation was saved again since you read it (now version {current}). Reload to see it, then try again.")
{
    public int Current { get; } = current;
}

/// <summary>One saved state of a conceptualisation, never changed after it is written.</summary>
public sealed class CaseConceptualisationVersion
{
    private CaseConceptualisationVersion() { }

    public Guid CoupleId { get; private set; }
    public int Version { get; private set; }
    public string PresentingConcerns { get; private set; } = "";
    public string Attachment { get; private set; } = "";
    public string Cycle { get; private set; } = "";
    public string Progress { get; private set; } = "";
    public string ChangeEvents { get; private set; } = "";
    public string TangoMoves { get; private set; } = "";
    public string Measures { get; private set; } = "";
    public string Goals { get; private set; } = "";
    public string Formulation { get; private set; } = "";
    public DateTimeOffset SavedAt { get; private set; }
    public Guid SavedBy { get; private set; }
    public string SavedByName { get; private set; } = "";

    public ConceptualisationSections Sections => new(PresentingConcerns, Attachment, Cycle, Progress, ChangeEvents, TangoMoves, Measures,
        Goals, Formulation);

    internal static CaseConceptualisationVersion Create(Guid coupleId, int version, ConceptualisationSections s, Guid by, string byName,
        DateTimeOffset now) => new()
    {
        CoupleId = coupleId, Version = version, PresentingConcerns = s.PresentingConcerns, Attachment = s.Attachment, Cycle = s.Cycle,
        Progress = s.Progress, ChangeEvents = s.ChangeEvents, TangoMoves = s.TangoMoves, Measures = s.Measures, Goals = s.Goals,
        Formulation = s.Formulation, SavedAt = now, SavedBy = by, SavedByName = byName,
    };
}
