namespace Clinic.Api.Domain.Practice;

/// <summary>
/// The practice's own settings: one row (<see cref="SingletonId"/>), updated with the version read.
/// Each setting is a property with its rule in a <c>Set…</c> method, so a setting is added by a column,
/// a property and its setter here, and one member each on the DTO and the update command
/// (docs/decisions.md, "Practice settings").
/// </summary>
public sealed class PracticeSettings
{
    public const short SingletonId = 1;
    public const int CrisisResourcesMaxLength = 2000;

    private PracticeSettings() { }

    public short Id { get; private set; } = SingletonId;
    /// <summary>xmin: changes with every update, so a write naming an older one is refused.</summary>
    public uint Version { get; private set; }
    /// <summary>Short Markdown with phone numbers and links for a partner in crisis; never empty.</summary>
    public string CrisisResources { get; private set; } = "";
    /// <summary>Years a closed couple's record is kept after its closing date before it may be purged (DESIGN §17).</summary>
    public short RetentionYears { get; private set; } = Retention.RetentionRules.DefaultYears;
    /// <summary>Whether partners and therapists may write messages (DESIGN §15); the record stays readable when off.</summary>
    public bool MessagingEnabled { get; private set; } = true;
    /// <summary>Plain text shown above every thread: when messages are read, and that they are not for emergencies.</summary>
    public string MessagingNotice { get; private set; } = DefaultMessagingNotice;

    /// <summary>The notice a practice starts with (the same default as migration 0310's).</summary>
    public const string DefaultMessagingNotice =
        "Messages are read on weekdays during office hours and answered within two working days. They are not for emergencies: if you are in danger or in crisis, use the contacts below.";
    public DateTimeOffset? UpdatedAt { get; private set; }
    public Guid? UpdatedBy { get; private set; }

    /// <summary>For the seed tool and tests: the row as a new practice has it.</summary>
    public static PracticeSettings Initial(string crisisResources) => new() { CrisisResources = crisisResources };

    public void SetCrisisResources(string markdown)
    {
        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (text.Length == 0)
            throw DomainRuleException.Invalid("crisisResources", "Give the crisis text a partner sees: at least a local emergency number.");
        if (text.Length > CrisisResourcesMaxLength)
            throw DomainRuleException.Invalid("crisisResources", $"Keep the crisis text short: at most {CrisisResourcesMaxLength} characters.");
        CrisisResources = text;
    }

    public void SetRetentionYears(int years)
    {
        if (years is < Retention.RetentionRules.MinYears or > Retention.RetentionRules.MaxYears)
            throw DomainRuleException.Invalid("retentionYears", Retention.RetentionRules.YearsMessage);
        RetentionYears = (short)years;
    }

    public const int MessagingNoticeMaxLength = 1000;

    public void SetMessagingEnabled(bool enabled) => MessagingEnabled = enabled;

    public void SetMessagingNotice(string text)
    {
        var notice = text.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (notice.Length == 0)
            throw DomainRuleException.Invalid("messagingNotice", "Say when messages are read and that they are not for emergencies.");
        if (notice.Length > MessagingNoticeMaxLength)
            throw DomainRuleException.Invalid("messagingNotice", $"Keep the notice short: at most {MessagingNoticeMaxLength} characters.");
        MessagingNotice = notice;
    }

    public void Touch(Guid by, DateTimeOffset now)
    {
        // Whole microseconds, as PostgreSQL keeps them: the answer to this write and the next GET say the same.
        UpdatedAt = now.AddTicks(-(now.Ticks % 10));
        UpdatedBy = by;
    }
}
