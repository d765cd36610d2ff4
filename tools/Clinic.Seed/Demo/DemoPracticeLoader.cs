using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Time;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

public sealed record DemoLoadResult(int TherapistsAdded, int CouplesAdded, int CouplesAlreadyPresent);

/// <summary>
/// Loads seeds/demo/ through the domain entities, so every rule the API enforces holds for the
/// demo too. Every row has a stable id from its key; a couple or therapist already present is
/// left exactly as it is, which makes a second load a no-op.
/// </summary>
public sealed class DemoPracticeLoader(
    ClinicDbContext db, UserManager<User> users, PracticeCalendar calendar, DemoClinicalWriter clinical, DemoSupervisionWriter supervisionWriter,
    ILogger<DemoPracticeLoader> logger)
{
    public async Task<DemoLoadResult> LoadAsync(string directory, CancellationToken ct = default)
    {
        var practice = DemoFiles.ReadPractice(directory);
        var couples = DemoFiles.ReadCouples(directory);
        var today = calendar.Today();

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var therapists = new Dictionary<string, User>(StringComparer.Ordinal);
        var therapistsAdded = 0;
        foreach (var t in practice.Therapists)
        {
            var id = SeedIds.For($"demo/therapist/{t.Key}");
            var existing = await db.Users.AsTracking().SingleOrDefaultAsync(u => u.Id == id, ct);
            if (existing is null)
            {
                existing = User.Create(Roles.Therapist, t.Email, t.FirstName, t.LastName, SeedIds.At(today.AddDays(-400)));
                existing.Id = id;
                existing.Activate();
                Check(await users.CreateAsync(existing, t.Password), t.Email);
                therapistsAdded++;
            }
            therapists[t.Key] = existing;
        }

        var link = practice.Supervision is { } supervision ? await supervisionWriter.AddLinkAsync(supervision, therapists, today, ct) : null;

        var added = 0;
        foreach (var c in couples)
        {
            var coupleId = SeedIds.For($"demo/couple/{c.Key}");
            if (await db.Couples.AnyAsync(x => x.Id == coupleId, ct)) continue;
            var therapist = therapists.GetValueOrDefault(c.Therapist)
                ?? throw new InvalidDataException($"Couple {c.Key} names an unknown therapist '{c.Therapist}'.");
            var supervised = link is not null && c.Therapist == practice.Supervision!.Supervisee && practice.Supervision.Trainee ? link.Of : null;
            await AddCoupleAsync(c, coupleId, therapist, practice.ClientPassword, today, supervised, ct);
            added++;
        }
        await db.SaveChangesAsync(ct);
        if (link is { Added: true }) await supervisionWriter.AddCommentsAndMeetingsAsync(practice.Supervision!, link, today, ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        logger.LogInformation("Demo practice: {Therapists} therapists and {Couples} couples added, {Present} couples already present",
            therapistsAdded, added, couples.Count - added);
        return new DemoLoadResult(therapistsAdded, added, couples.Count - added);
    }

    private async Task AddCoupleAsync(DemoCouple c, Guid coupleId, User therapist, string clientPassword, DateOnly today,
        DemoSupervisionOf? supervision, CancellationToken ct)
    {
        if (c.Partners.Count != 2) throw new InvalidDataException($"Couple {c.Key} must have exactly two partners.");
        var startedOn = today.AddDays(-c.StartedDaysAgo);
        var couple = Couple.Open(therapist.Id, Details(c.Partners[0]), Details(c.Partners[1]), c.PresentingConcerns, c.Goals,
            startedOn, SeedIds.At(startedOn));
        SeedIds.Stamp(couple, coupleId);
        foreach (var (partner, label) in new[] { (couple.PartnerA, "a"), (couple.PartnerB, "b") })
        {
            SeedIds.Stamp(partner, SeedIds.For($"demo/couple/{c.Key}/partner/{label}"));
            SeedIds.Stamp(partner, coupleId, nameof(Partner.CoupleId));
        }
        MoveToStatus(couple, c, today);
        db.Couples.Add(couple);

        var partners = new DemoCoupleContext(c.Key, couple, therapist, today, supervision);
        for (var i = 0; i < 2; i++)
        {
            if (!c.Partners[i].SignIn) continue;
            var partner = i == 0 ? couple.PartnerA : couple.PartnerB;
            var account = User.Create(Roles.Client, partner.Email, partner.FirstName, partner.LastName,
                SeedIds.At(startedOn.AddDays(3)), partner.Id);
            account.Id = SeedIds.For($"demo/couple/{c.Key}/partner/{(i == 0 ? "a" : "b")}/user");
            account.Activate();
            partner.LinkAccount(account.Id);
            Check(await users.CreateAsync(account, clientPassword), partner.Email);
            partners.Accounts[i == 0 ? "a" : "b"] = account;
        }

        clinical.AddSessions(partners, c.Sessions);
        clinical.AddAssessments(partners, c.Assessments ?? [], c.QuestionnaireRequests ?? []);
        clinical.AddCheckIns(partners, c.CheckIns ?? []);
        clinical.AddHomework(partners, c.Homework ?? []);
        clinical.AddCycleMap(partners, c.CycleMap);
        clinical.AddPlan(partners, c.Plan);
        clinical.AddClosing(partners, c.Closing);
    }

    private static void MoveToStatus(Couple couple, DemoCouple c, DateOnly today)
    {
        if (!SnakeCaseEnumConverter<CoupleStatus>.TryFromWire(c.Status, out var status))
            throw new InvalidDataException($"Couple {c.Key}: unknown status '{c.Status}'.");
        if (status is CoupleStatus.Active or CoupleStatus.Paused or CoupleStatus.Closed && c.Sessions.Count > 0)
            couple.MoveTo(CoupleStatus.Active, today);
        if (status == CoupleStatus.Closed)
            couple.MoveTo(CoupleStatus.Closed, today.AddDays(-(c.ClosedDaysAgo
                ?? throw new InvalidDataException($"Closed couple {c.Key} needs closedDaysAgo."))));
        else if (status != couple.Status) couple.MoveTo(status, today);
    }

    private static PartnerDetails Details(DemoPartner p) => new(p.FirstName, p.LastName, p.Email, p.Pronouns);


    private static void Check(IdentityResult result, string email)
    {
        if (!result.Succeeded)
            throw new InvalidDataException($"Demo account {email} could not be created: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}

/// <summary>The supervision a trainee's couple is under: from which day its sessions await co-signature, and who co-signs.</summary>
public sealed record DemoSupervisionOf(User Supervisor, DateOnly From, DateOnly CosignedBefore);

/// <summary>What the writers need about one couple being loaded.</summary>
public sealed class DemoCoupleContext(string key, Couple couple, User therapist, DateOnly today, DemoSupervisionOf? supervision = null)
{
    public DemoSupervisionOf? Supervision { get; } = supervision;

    public string Key { get; } = key;
    public Couple Couple { get; } = couple;
    public User Therapist { get; } = therapist;
    public DateOnly Today { get; } = today;
    public Dictionary<string, User> Accounts { get; } = new(StringComparer.Ordinal);

    public Partner Partner(string label) => label switch
    {
        "a" => Couple.PartnerA,
        "b" => Couple.PartnerB,
        _ => throw new InvalidDataException($"Couple {Key}: partner must be \"a\" or \"b\", not '{label}'."),
    };

    public DateOnly DaysAgo(int days) => Today.AddDays(-days);

    public Guid Id(string suffix) => SeedIds.For($"demo/couple/{Key}/{suffix}");
}
