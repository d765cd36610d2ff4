using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.Backups;

public sealed record GetBackupStatusQuery : IRequest<BackupStatusDto>;

/// <summary>
/// The backup status page (issue 33): the backups from the pgBackRest info file db/backup.sh keeps (the app never
/// runs pgBackRest or holds the repository's credentials), the WAL archive from PostgreSQL itself.
/// </summary>
internal sealed class GetBackupStatusHandler(ClinicDbContext db, IOptions<BackupOptions> options, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<GetBackupStatusQuery, BackupStatusDto>
{
    private sealed record ArchiverRow(bool Archiving, int Timeout, string? LastArchivedWal, DateTimeOffset? LastArchivedAt,
        string? LastFailedWal, DateTimeOffset? LastFailedAt, long FailedCount, string CurrentWal);

    private async Task<ArchiverRow> ReadArchiverAsync(CancellationToken ct)
    {
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = new Npgsql.NpgsqlCommand("""
                SELECT current_setting('archive_mode') <> 'off', (SELECT setting::int FROM pg_settings WHERE name = 'archive_timeout'),
                       last_archived_wal, last_archived_time, last_failed_wal, last_failed_time, failed_count,
                       pg_walfile_name(pg_current_wal_lsn())
                FROM pg_stat_archiver
                """, connection);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            DateTimeOffset? At(int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateTimeOffset>(i);
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            return new ArchiverRow(reader.GetBoolean(0), reader.GetInt32(1), Text(2), At(3), Text(4), At(5), reader.GetInt64(6), reader.GetString(7));
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<BackupStatusDto> Handle(GetBackupStatusQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var row = await ReadArchiverAsync(ct);
        var current = PgBackRestInfo.Position(row.CurrentWal);
        var archived = PgBackRestInfo.Position(row.LastArchivedWal);
        long? waiting = current is { } c && archived is { } a && c.Timeline == a.Timeline ? (long)(c.Segment - a.Segment) - 1 : null;
        if (waiting < 0) waiting = 0;
        var archive = new WalArchiveDto(row.Archiving, row.Timeout, row.LastArchivedWal, row.LastArchivedAt, row.LastFailedWal, row.LastFailedAt,
            row.FailedCount, row.CurrentWal, waiting,
            waiting is > 0 && row.LastArchivedAt is { } at ? Math.Round((now - at).TotalSeconds, 1) : waiting == 0 ? 0 : null);

        PgBackRestInfo.Parsed? info = null;
        DateTimeOffset? readAt = null;
        if (options.Value.InfoFile is { Length: > 0 } file && File.Exists(file))
        {
            info = PgBackRestInfo.Parse(await File.ReadAllTextAsync(file, ct));
            readAt = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
        }
        var (health, problems) = PgBackRestInfo.Judge(archive, info, now);
        audit.Record("backups.status.read", "backup", null, null);
        await db.SaveChangesAsync(ct);
        var backups = info?.Backups ?? [];
        return new BackupStatusDto(health, problems, options.Value.InfoFile is { Length: > 0 }, readAt, info?.Status, backups,
            backups.FirstOrDefault()?.FinishedAt, backups.FirstOrDefault(b => b.Type == "full")?.FinishedAt, info?.MinWal, info?.MaxWal, archive);
    }
}
