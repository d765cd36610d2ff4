using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

public sealed record DemoSettingsFile(string CrisisResources)
{
    [JsonPropertyName("_comment")] public string? Comment { get; init; }
}

/// <summary>
/// The demo practice's settings (seeds/demo/practice-settings.json): written only while no admin has
/// saved the settings, so loading twice changes nothing and a practice's own text is never overwritten.
/// </summary>
internal sealed class DemoPracticeSettings(ClinicDbContext db, ILogger<DemoPracticeSettings> logger)
{
    public async Task<bool> ApplyAsync(string directory, CancellationToken ct = default)
    {
        var file = JsonSerializer.Deserialize<DemoSettingsFile>(await File.ReadAllTextAsync(Path.Combine(directory, "practice-settings.json"), ct),
                       new JsonSerializerOptions(JsonSerializerDefaults.Web) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow })
                   ?? throw new InvalidDataException("practice-settings.json is empty.");
        var settings = await db.PracticeSettings.AsTracking().SingleAsync(ct);
        if (settings.UpdatedAt is not null) return false;
        settings.SetCrisisResources(file.CrisisResources);
        var changed = db.ChangeTracker.HasChanges();
        await db.SaveChangesAsync(ct);
        if (changed) logger.LogInformation("Demo practice settings written");
        return changed;
    }
}
