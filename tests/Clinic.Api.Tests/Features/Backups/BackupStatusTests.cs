using System.Net;
using Clinic.Api.Features.Backups;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Features.Backups;

/// <summary>An app whose Clinic:Backup:InfoFile points at a file the test writes, as db/backup.sh would.</summary>
public sealed class BackupInfoApiFactory : ClinicApiFactory
{
    public string InfoFile { get; } = Path.Combine(Path.GetTempPath(), $"clinic-backup-info-{Guid.NewGuid():N}.json");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Backup:InfoFile", InfoFile);
    }
}

/// <summary>GET /api/admin/backups: the backups from pgBackRest's info JSON, the WAL archive from PostgreSQL, one verdict.</summary>
public sealed class BackupStatusTests(BackupInfoApiFactory factory) : IClassFixture<BackupInfoApiFactory>
{
    // pgBackRest 2.45's `info --output=json` as db/backup.sh writes it (shortened to the fields read), times made relative.
    private static string Info(long fullStop, long diffStop, string status = "ok") => $$$"""
        [{"archive":[{"database":{"id":1,"repo-key":1},"id":"15-1","max":"000000020000000000000008","min":"000000010000000000000001"}],
          "backup":[
            {"label":"20261207-022808F","type":"full","timestamp":{"start":{{{fullStop - 5}}},"stop":{{{fullStop}}}},
             "info":{"delta":33062436,"repository":{"delta":3930614,"size":3930614},"size":33062436}},
            {"label":"20261207-022808F_20261207-023036D","type":"diff","timestamp":{"start":{{{diffStop - 4}}},"stop":{{{diffStop}}}},
             "info":{"delta":3041203,"repository":{"delta":420876,"size":3963116},"size":33251427}}],
          "name":"clinic","status":{"code":0,"message":"{{{status}}}"}}]
        """;

    [Fact]
    public async Task Status_ListsTheBackupsNewestFirst_AndReadsTheWalArchiveFromPostgres()
    {
        var now = factory.Clock.GetUtcNow().ToUnixTimeSeconds();
        await File.WriteAllTextAsync(factory.InfoFile, Info(now - 3 * 86400, now - 3600));

        var status = await (await factory.AdminAsync()).GetJsonAsync("/api/admin/backups");

        status["infoConfigured"]!.GetValue<bool>().Should().BeTrue();
        status["repositoryStatus"]!.GetValue<string>().Should().Be("ok");
        var backups = status["backups"]!.AsArray();
        backups.Select(b => b!["type"]!.GetValue<string>()).Should().Equal("diff", "full");
        backups[0]!["databaseBytes"]!.GetValue<long>().Should().Be(33251427);
        backups[0]!["repositoryBytes"]!.GetValue<long>().Should().Be(420876);
        DateTimeOffset.Parse(status["lastBackupAt"]!.GetValue<string>()).ToUnixTimeSeconds().Should().Be(now - 3600);
        DateTimeOffset.Parse(status["lastFullBackupAt"]!.GetValue<string>()).ToUnixTimeSeconds().Should().Be(now - 3 * 86400);
        status["newestArchivedWal"]!.GetValue<string>().Should().Be("000000020000000000000008");
        var archive = status["archive"]!;
        archive["currentWal"]!.GetValue<string>().Should().MatchRegex("^[0-9A-F]{24}$");
        // The test cluster archives nothing (make test starts it without --archive): the page must say so.
        archive["archiving"]!.GetValue<bool>().Should().BeFalse();
        status["health"]!.GetValue<string>().Should().Be("failing");
        status["problems"]!.AsArray().Select(p => p!.GetValue<string>()).Should().Contain(p => p.Contains("WAL archiving is off"));
    }

    [Fact]
    public async Task Status_IsForAdminsOnly_AndAudited()
    {
        await File.WriteAllTextAsync(factory.InfoFile, Info(0, 0));
        var therapist = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();

        (await therapist.GetAsync("/api/admin/backups")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await admin.GetJsonAsync("/api/admin/backups");
        (await admin.GetJsonAsync("/api/admin/audit?action=backups.status.read"))["total"]!.GetValue<int>().Should().BeGreaterThan(0);
    }
}

/// <summary>The verdict, from hand-made archive states.</summary>
public sealed class BackupVerdictTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    private static WalArchiveDto Archive(bool on = true, DateTimeOffset? archived = null, DateTimeOffset? failed = null, long? waiting = 0) =>
        new(on, 50, "000000010000000000000007", archived ?? Now.AddSeconds(-30), failed is null ? null : "000000010000000000000008", failed, 0,
            "000000010000000000000008", waiting, 0);

    private static PgBackRestInfo.Parsed Backups(params double[] hoursAgo) => new("ok",
        hoursAgo.Select(h => new BackupDto("x", "full", Now.AddHours(-h - 1), Now.AddHours(-h), 1, 1)).ToList(), null, null);

    [Fact]
    public void ArchivingAndARecentBackup_IsOk() =>
        PgBackRestInfo.Judge(Archive(), Backups(3), Now).Item1.Should().Be(BackupHealth.Ok);

    [Fact]
    public void ALastAttemptThatFailed_IsFailing() =>
        PgBackRestInfo.Judge(Archive(failed: Now.AddSeconds(-5)), Backups(3), Now).Item1.Should().Be(BackupHealth.Failing);

    [Fact]
    public void AFailureFollowedByASuccess_IsOk() =>
        PgBackRestInfo.Judge(Archive(archived: Now.AddSeconds(-5), failed: Now.AddMinutes(-5)), Backups(3), Now).Item1.Should().Be(BackupHealth.Ok);

    [Fact]
    public void SegmentsPilingUp_IsFailing() =>
        PgBackRestInfo.Judge(Archive(waiting: 3), Backups(3), Now).Item2.Should().ContainSingle(p => p.Contains("3 WAL segments"));

    [Fact]
    public void NoBackupAtAll_IsFailing_AnOldOneAWarning()
    {
        PgBackRestInfo.Judge(Archive(), Backups(), Now).Item1.Should().Be(BackupHealth.Failing);
        var (health, problems) = PgBackRestInfo.Judge(Archive(), Backups(24 * 3), Now);
        health.Should().Be(BackupHealth.Warning);
        problems.Should().ContainSingle(p => p.Contains("3 days old"));
    }

    [Fact]
    public void WalFileNames_GiveTimelineAndSegment()
    {
        PgBackRestInfo.Position("0000000200000001000000FF").Should().Be((2u, 0x1FFul));
        PgBackRestInfo.Position("not-a-wal").Should().BeNull();
    }
}
