using Clinic.Api.Domain.Practice;

namespace Clinic.Api.Features.Practice;

/// <summary>
/// The practice's settings as the admin reads them; the body sent back to <c>PUT /api/admin/practice</c>
/// as it is (<see cref="UpdatePracticeSettingsCommand"/>). To add a setting: a member here, the same
/// member (nullable: left out or null = unchanged) on the command, a line in <see cref="PracticeSettingsViews.Dto"/>.
/// </summary>
public sealed record PracticeSettingsDto
{
    /// <summary>Send it back with a change: an older one is refused with 409.</summary>
    public required uint Version { get; init; }
    /// <summary>Markdown (no HTML) shown to a partner in crisis, at most 2000 characters.</summary>
    public required string CrisisResources { get; init; }
    /// <summary>Years a closed couple's record is kept after its closing date before the admin may purge it (1–30, default 7).</summary>
    public required int RetentionYears { get; init; }
    /// <summary>Whether partners and therapists may write messages; off keeps every thread readable (issue 31).</summary>
    public required bool MessagingEnabled { get; init; }
    /// <summary>Plain text above every thread (1–1000 characters): when messages are read, that they are not for emergencies.</summary>
    public required string MessagingNotice { get; init; }
    /// <summary>Read-only: when an admin last saved the settings; null until then.</summary>
    public required DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>What a partner sees under "Need help now?": the practice's Markdown and the same rendered as safe HTML.</summary>
public sealed record CrisisResourcesDto(string Markdown, string Html);

internal static class PracticeSettingsViews
{
    public static PracticeSettingsDto Dto(PracticeSettings s) => new()
    {
        Version = s.Version,
        CrisisResources = s.CrisisResources,
        RetentionYears = s.RetentionYears,
        MessagingEnabled = s.MessagingEnabled,
        MessagingNotice = s.MessagingNotice,
        UpdatedAt = s.UpdatedAt,
    };

    public static CrisisResourcesDto Crisis(string markdown) => new(markdown, SafeMarkdown.ToHtml(markdown));
}
