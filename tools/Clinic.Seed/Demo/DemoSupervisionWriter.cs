using Clinic.Api.Data;
using Clinic.Api.Domain.Supervision;
using Clinic.Api.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Seed.Demo;

/// <summary>The demo's supervision link and whether this load made it (a second load adds nothing).</summary>
public sealed record DemoLink(SupervisionLink Link, User Supervisor, User Supervisee, DemoSupervisionOf Of, bool Added);

/// <summary>
/// The demo's supervision (issue 34): the supervisor capability, the link (the supervisee a trainee), the comments between
/// them on the trainee's sessions and a month of the trainee's supervision log — each made by the API's own domain factories.
/// </summary>
public sealed class DemoSupervisionWriter(ClinicDbContext db)
{
    public async Task<DemoLink> AddLinkAsync(DemoSupervision s, IReadOnlyDictionary<string, User> therapists, DateOnly today,
        CancellationToken ct)
    {
        var supervisor = therapists.GetValueOrDefault(s.Supervisor) ?? throw new InvalidDataException($"Supervision names an unknown supervisor '{s.Supervisor}'.");
        var supervisee = therapists.GetValueOrDefault(s.Supervisee) ?? throw new InvalidDataException($"Supervision names an unknown supervisee '{s.Supervisee}'.");
        if (!supervisor.IsSupervisor) supervisor.SetSupervisor(true);
        var id = SeedIds.For("demo/supervision/link");
        var from = today.AddDays(-s.StartedDaysAgo);
        var of = new DemoSupervisionOf(supervisor, from, today.AddDays(-s.CosignedBeforeDaysAgo));
        var link = await db.SupervisionLinks.SingleOrDefaultAsync(l => l.Id == id, ct);
        if (link is not null) return new DemoLink(link, supervisor, supervisee, of, false);
        link = SeedIds.Stamp(SupervisionLink.Create(supervisee.Id, supervisor.Id, from, null, s.Trainee, null, SeedIds.At(from)), id);
        db.SupervisionLinks.Add(link);
        return new DemoLink(link, supervisor, supervisee, of, true);
    }

    public async Task AddCommentsAndMeetingsAsync(DemoSupervision s, DemoLink link, DateOnly today, CancellationToken ct)
    {
        for (var i = 0; i < s.Comments.Count; i++)
        {
            var c = s.Comments[i];
            var coupleId = SeedIds.For($"demo/couple/{c.Couple}");
            var sessionId = SeedIds.For($"demo/couple/{c.Couple}/session/{c.Session}");
            if (!await db.Sessions.AnyAsync(x => x.Id == sessionId && x.CoupleId == coupleId, ct))
                throw new InvalidDataException($"Supervision comment {i + 1}: couple {c.Couple} has no session {c.Session}.");
            var (author, linkId) = c.Author switch
            {
                "supervisor" => (link.Supervisor, (Guid?)link.Link.Id),
                "supervisee" => (link.Supervisee, null),
                _ => throw new InvalidDataException($"Supervision comment {i + 1}: author must be supervisor or supervisee, not '{c.Author}'."),
            };
            db.SupervisionComments.Add(SeedIds.Stamp(SupervisionComment.Create(sessionId, coupleId, linkId, author.Id, author.DisplayName, c.Text,
                SeedIds.At(today.AddDays(-c.DaysAgo), new TimeOnly(12, 0).AddMinutes(10 * i))), SeedIds.For($"demo/supervision/comment/{i + 1}")));
        }
        for (var i = 0; i < s.Meetings.Count; i++)
        {
            var m = s.Meetings[i];
            var format = m.Format switch
            {
                "individual" => SupervisionMeetingFormat.Individual,
                "group" => SupervisionMeetingFormat.Group,
                _ => throw new InvalidDataException($"Supervision meeting {i + 1}: format must be individual or group, not '{m.Format}'."),
            };
            var on = today.AddDays(-m.DaysAgo);
            var meeting = SupervisionMeeting.Log(link.Supervisee.Id, on, m.Minutes, format, m.Couples.Select(k => SeedIds.For($"demo/couple/{k}")),
                m.Notes, SeedIds.At(on, new TimeOnly(16, 0)));
            SeedIds.Stamp(meeting, SeedIds.For($"demo/supervision/meeting/{i + 1}"));
            foreach (var couple in meeting.Couples) SeedIds.Stamp(couple, meeting.Id, nameof(SupervisionMeetingCouple.MeetingId));
            db.SupervisionMeetings.Add(meeting);
        }
        await db.SaveChangesAsync(ct);
    }
}
