using System.Globalization;
using System.Text.Json;

namespace Clinic.Api.Features.Backups;

public sealed class BackupOptions
{
    /// <summary>
    /// pgBackRest's <c>info --output=json</c>, written by db/backup.sh (make up) or the compose backup service after
    /// every backup and restore; unset where backups are kept another way (CloudNativePG).
    /// </summary>
    public string? InfoFile { get; set; }
}

public enum BackupHealth { Ok, Warning, Failing }

/// <summary>One base backup in the repository.</summary>
public sealed record BackupDto(string Label, string Type, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long DatabaseBytes,
    long RepositoryBytes);

/// <summary>
/// The WAL archive, read live from PostgreSQL (<c>pg_stat_archiver</c>): what was last archived, what failed, and
/// how many finished segments wait for the archive. Works the same under CloudNativePG.
/// </summary>
public sealed record WalArchiveDto(
    bool Archiving,
    int ArchiveTimeoutSeconds,
    string? LastArchivedWal,
    DateTimeOffset? LastArchivedAt,
    string? LastFailedWal,
    DateTimeOffset? LastFailedAt,
    long FailedCount,
    string CurrentWal,
    /// <summary>Finished segments not archived yet; the segment being written is not counted.</summary>
    long? SegmentsWaiting,
    /// <summary>How long the oldest waiting WAL has waited: 0 when nothing waits (the current segment is at most archive_timeout old).</summary>
    double? LagSeconds);

/// <summary>The admin's backup page: the backups pgBackRest reports, the WAL archive, and one verdict with its reasons.</summary>
public sealed record BackupStatusDto(
    BackupHealth Health,
    IReadOnlyList<string> Problems,
    bool InfoConfigured,
    DateTimeOffset? InfoReadAt,
    string? RepositoryStatus,
    IReadOnlyList<BackupDto> Backups,
    DateTimeOffset? LastBackupAt,
    DateTimeOffset? LastFullBackupAt,
    string? OldestRestorableWal,
    string? NewestArchivedWal,
    WalArchiveDto Archive);

/// <summary>Reads pgBackRest's info JSON: the first stanza's status, backups and archive range.</summary>
public static class PgBackRestInfo
{
    public sealed record Parsed(string? Status, IReadOnlyList<BackupDto> Backups, string? MinWal, string? MaxWal);

    public static Parsed Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Array || document.RootElement.GetArrayLength() == 0)
            return new Parsed("no stanza", [], null, null);
        var stanza = document.RootElement[0];
        var status = stanza.TryGetProperty("status", out var s) && s.TryGetProperty("message", out var m) ? m.GetString() : null;
        var backups = new List<BackupDto>();
        if (stanza.TryGetProperty("backup", out var list))
            foreach (var b in list.EnumerateArray())
            {
                var time = b.GetProperty("timestamp");
                var info = b.GetProperty("info");
                backups.Add(new BackupDto(b.GetProperty("label").GetString()!, b.GetProperty("type").GetString()!,
                    DateTimeOffset.FromUnixTimeSeconds(time.GetProperty("start").GetInt64()),
                    DateTimeOffset.FromUnixTimeSeconds(time.GetProperty("stop").GetInt64()),
                    info.GetProperty("size").GetInt64(), info.GetProperty("repository").GetProperty("delta").GetInt64()));
            }
        string? min = null, max = null;
        if (stanza.TryGetProperty("archive", out var archives) && archives.GetArrayLength() > 0)
        {
            var last = archives[archives.GetArrayLength() - 1];
            min = last.TryGetProperty("min", out var mn) ? mn.GetString() : null;
            max = last.TryGetProperty("max", out var mx) ? mx.GetString() : null;
        }
        return new Parsed(status, backups.OrderByDescending(b => b.FinishedAt).ToList(), min, max);
    }

    /// <summary>A WAL file name's timeline and segment number (16 MB segments: 256 per log file).</summary>
    public static (uint Timeline, ulong Segment)? Position(string? walFile)
    {
        if (walFile is not { Length: 24 } || !walFile.All(Uri.IsHexDigit)) return null;
        var timeline = uint.Parse(walFile[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var log = ulong.Parse(walFile[8..16], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var seg = ulong.Parse(walFile[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return (timeline, log * 0x100 + seg);
    }

    /// <summary>
    /// The verdict: failing when WAL is not archived (archiving off, the latest attempt failed, segments piling up)
    /// or there is no backup; a warning when the newest backup is over two days old or the info is unread.
    /// </summary>
    public static (BackupHealth, List<string>) Judge(WalArchiveDto archive, Parsed? info, DateTimeOffset now)
    {
        var failing = new List<string>();
        var warnings = new List<string>();
        if (!archive.Archiving) failing.Add("WAL archiving is off: nothing written since the last backup could be restored.");
        if (archive.LastFailedAt is { } failed && (archive.LastArchivedAt is null || failed > archive.LastArchivedAt))
            failing.Add($"The last attempt to archive WAL ({archive.LastFailedWal}) failed; see the pgBackRest log.");
        if (archive.SegmentsWaiting > 2) failing.Add($"{archive.SegmentsWaiting} WAL segments are waiting to be archived.");
        if (info is null) warnings.Add("No backup information: set Clinic__Backup__InfoFile to the file db/backup.sh writes.");
        else if (info.Backups.Count == 0) failing.Add("The repository holds no backup yet: run make backup.");
        else if (now - info.Backups[0].FinishedAt > TimeSpan.FromDays(2))
            warnings.Add($"The newest backup is {(int)(now - info.Backups[0].FinishedAt).TotalDays} days old: schedule make backup daily.");
        if (info?.Status is { } status && status != "ok") failing.Add($"pgBackRest reports the repository as: {status}.");
        return failing.Count > 0 ? (BackupHealth.Failing, [.. failing, .. warnings])
            : warnings.Count > 0 ? (BackupHealth.Warning, warnings) : (BackupHealth.Ok, []);
    }
}
