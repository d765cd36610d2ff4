using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Practice;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Practice;

/// <summary>
/// Every setting is optional here: left out (or null) keeps its value, so a screen that edits one
/// setting sends that one with the version, and the GET's whole body is accepted as well.
/// </summary>
public sealed record UpdatePracticeSettingsCommand : IRequest<PracticeSettingsDto>, IAcceptsReadBody
{
    public uint? Version { get; init; }
    public string? CrisisResources { get; init; }
    public int? RetentionYears { get; init; }
    public bool? MessagingEnabled { get; init; }
    public string? MessagingNotice { get; init; }

    [JsonExtensionData] public Dictionary<string, JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class UpdatePracticeSettingsValidator : AbstractValidator<UpdatePracticeSettingsCommand>
{
    public UpdatePracticeSettingsValidator()
    {
        RuleFor(c => c.Version).VersionRead();
        RuleFor(c => c.CrisisResources!)
            .Must(t => t.Trim().Length > 0).WithMessage("Give the crisis text a partner sees: at least a local emergency number.")
            .MaximumLength(PracticeSettings.CrisisResourcesMaxLength)
            .When(c => c.CrisisResources is not null);
        RuleFor(c => c.RetentionYears).InclusiveBetween(Domain.Retention.RetentionRules.MinYears, Domain.Retention.RetentionRules.MaxYears)
            .WithMessage(Domain.Retention.RetentionRules.YearsMessage);
        RuleFor(c => c.MessagingNotice!)
            .Must(t => t.Trim().Length > 0).WithMessage("Say when messages are read and that they are not for emergencies.")
            .MaximumLength(PracticeSettings.MessagingNoticeMaxLength)
            .Must(t => !t.Contains('\0')).WithMessage("Must not contain NUL characters.")
            .When(c => c.MessagingNotice is not null);
    }
}

internal sealed class UpdatePracticeSettingsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<UpdatePracticeSettingsCommand, PracticeSettingsDto>
{
    public async Task<PracticeSettingsDto> Handle(UpdatePracticeSettingsCommand command, CancellationToken ct)
    {
        var settings = await db.PracticeSettings.AsTracking().SingleAsync(ct);
        db.ExpectVersion(settings, command.Version, "practice's settings");
        ReadOnlyMemberCheck.Check(command, PracticeSettingsViews.Dto(settings));

        var changed = new List<string>();
        if (command.CrisisResources is { } crisis && crisis != settings.CrisisResources)
        {
            settings.SetCrisisResources(crisis);
            changed.Add("crisisResources");
        }
        if (command.RetentionYears is { } years && years != settings.RetentionYears)
        {
            settings.SetRetentionYears(years);
            changed.Add("retentionYears");
        }
        if (command.MessagingEnabled is { } enabled && enabled != settings.MessagingEnabled)
        {
            settings.SetMessagingEnabled(enabled);
            changed.Add("messagingEnabled");
        }
        if (command.MessagingNotice is { } notice && notice != settings.MessagingNotice)
        {
            settings.SetMessagingNotice(notice);
            changed.Add("messagingNotice");
        }
        if (changed.Count == 0) return PracticeSettingsViews.Dto(settings);

        settings.Touch(user.Id, clock.GetUtcNow());
        audit.Record("practice.settings.update", "practice_settings", null, null, detail: string.Join(",", changed));
        await db.SaveChangesAsync(ct);
        return PracticeSettingsViews.Dto(settings);
    }
}
