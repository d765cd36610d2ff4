using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Features.Appointments;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.CycleMaps;
using Clinic.Api.Features.Homework;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.MyData;

/// <remarks>No couple display name: like every portal answer, the copy names only its own partner ("your partner" elsewhere).</remarks>
public sealed record MyProfileDto(string FirstName, string LastName, string? Pronouns, string Email, PartnerLabel Label,
    string Therapist, CoupleStatus CoupleStatus, DateOnly StartedOn, DateOnly? ClosedOn);

/// <summary>Who the copy is about, as the portal knows them.</summary>
internal sealed class ProfileSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "profile";
    public string Title => "About you";
    public int Order => 0;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var therapist = await db.Users.Where(u => u.Id == caller.Couple.TherapistId).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        var (me, couple) = (caller.Me, caller.Couple);
        return new MyProfileDto(me.FirstName, me.LastName, me.Pronouns, me.Email, me.Label, therapist, couple.Status,
            couple.StartedOn, couple.ClosedOn);
    }
}

public sealed record MyHomeworkDto(string Exercise, string ExerciseCode, Assignee AssignedTo, DateOnly StartsOn, DateOnly DueOn, int TargetPerWeek,
    string NoteToClients, AssignmentStatus Status, IReadOnlyList<MyEntryDto> Entries);

/// <param name="Author">"you", or "your partner" for an entry they shared.</param>
/// <param name="WithdrawnAt">Only ever set on your own entries: a withdrawn entry stays part of your record.</param>
public sealed record MyEntryDto(string Author, DateOnly OccurredOn, EntryRole? Role, EntryVisibility Visibility,
    IReadOnlyDictionary<string, JsonElement> Fields, DateTimeOffset CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset? WithdrawnAt);

/// <summary>
/// Homework set for this partner (or for both), with every entry they logged — withdrawn ones too — and the
/// entries the other partner shared and has not withdrawn: exactly what the portal shows them, no more.
/// </summary>
internal sealed class HomeworkSection(ClinicDbContext db, ExerciseCatalogue exercises) : IMyDataSection
{
    public string Key => "homework";
    public string Title => "Homework and your entries";
    public int Order => 10;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var me = caller.Me;
        var assignments = await db.HomeworkAssignments.AssignedTo(me).OrderBy(a => a.StartsOn).ThenBy(a => a.CreatedAt).ToListAsync(ct);
        var ids = assignments.Select(a => a.Id).ToList();
        var entries = await db.HomeworkEntries
            .Where(e => ids.Contains(e.AssignmentId)
                        && (e.AuthorPartnerId == me.Id || (e.Visibility == EntryVisibility.Shared && e.WithdrawnAt == null)))
            .OrderBy(e => e.OccurredOn).ThenBy(e => e.CreatedAt).ToListAsync(ct);
        return assignments.Select(a => new MyHomeworkDto(exercises.Get(a.ExerciseCode, a.ExerciseVersion).Title, a.ExerciseCode, a.AssignedTo,
            a.StartsOn, a.DueOn, a.TargetPerWeek, a.Note, a.Status,
            entries.Where(e => e.AssignmentId == a.Id).Select(e => new MyEntryDto(
                e.AuthorPartnerId == me.Id ? "you" : "your partner", e.OccurredOn, e.Role, e.Visibility, EntryFields.ToElements(e.Fields),
                e.CreatedAt, e.UpdatedAt, e.AuthorPartnerId == me.Id ? e.WithdrawnAt : null)).ToList())).ToList();
    }
}

public sealed record MyAnswerDto(int Number, string Item, int Value, string Answer);

/// <param name="Answers">What you answered (or saved so far, for one still open).</param>
/// <param name="Results">Your scores, when your therapist shared them with you when asking.</param>
public sealed record MyQuestionnaireDto(string Instrument, string Title, QuestionnaireStatus Status, DateTimeOffset RequestedAt,
    DateTimeOffset? CompletedAt, IReadOnlyList<MyAnswerDto> Answers, PortalResultsDto? Results);

/// <summary>Questionnaires sent to this partner, their own answers, and the results shared with them. Never the other partner's.</summary>
internal sealed class QuestionnairesSection(ClinicDbContext db, InstrumentCatalogue instruments) : IMyDataSection
{
    public string Key => "questionnaires";
    public string Title => "Questionnaires and your answers";
    public int Order => 20;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var me = caller.Me;
        var requests = await db.QuestionnaireRequests.Where(r => r.PartnerId == me.Id).OrderBy(r => r.RequestedAt).ToListAsync(ct);
        var answeredIds = requests.Where(r => r.AssessmentId is not null).Select(r => r.AssessmentId!.Value).ToList();
        var answered = await db.Assessments.Where(a => answeredIds.Contains(a.Id) && a.PartnerId == me.Id).ToDictionaryAsync(a => a.Id, ct);
        return requests.Select(r =>
        {
            var assessment = r.AssessmentId is { } id ? answered.GetValueOrDefault(id) : null;
            var form = assessment is not null ? instruments.Of(assessment) : instruments.Latest(r.Instrument);
            var responses = assessment?.Responses ?? (r.IsPending ? r.Draft : null) ?? [];
            var answers = form is null ? [] : form.Items.Where(i => responses.ContainsKey(i.Id)).OrderBy(i => i.Number)
                .Select(i => new MyAnswerDto(i.Number, i.Text, responses[i.Id],
                    form.ScaleOf(i).Anchors.FirstOrDefault(x => x.Value == responses[i.Id])?.Label ?? "")).ToList();
            return new MyQuestionnaireDto(r.Instrument, form?.Title ?? r.Instrument, r.Status, r.RequestedAt, r.CompletedAt, answers,
                r.ShareResultsWithClient ? r.ToPortalDto(instruments, assessment).Results : null);
        }).ToList();
    }
}

public sealed record MyAppointmentDto(DateTime StartsAt, DateTime EndsAt, string TimeZone, int DurationMinutes, Attendees Attendees,
    AppointmentFormat Format, string? VideoLink, AppointmentStatus Status, string NoteToClients);

/// <summary>Every appointment this partner attends (or attended), past and future; never the other partner's individual ones.</summary>
internal sealed class AppointmentsSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "appointments";
    public string Title => "Appointments";
    public int Order => 30;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var mine = ListMyAppointmentsHandler.AttendedBy(caller.Me.Label);
        var rows = await db.Appointments.Where(a => a.CoupleId == caller.Couple.Id && mine.Contains(a.Attendees))
            .OrderBy(a => a.StartsAt).ToListAsync(ct);
        return rows.Select(a =>
        {
            var zone = AppointmentViews.ZoneOf(a);
            return new MyAppointmentDto(WallClock.ToLocal(a.StartsAt, zone), WallClock.ToLocal(a.EndsAt, zone), a.TimeZone, a.DurationMinutes,
                a.Attendees, a.Format, a.VideoLink, a.Status, a.NoteToClients);
        }).ToList();
    }
}

/// <summary>The cycle map as the portal shows it to both partners, when the therapist has shared it.</summary>
internal sealed class CycleMapSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "cycleMap";
    public string Title => "Your cycle map";
    public int Order => 40;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var (map, current) = await db.CurrentCycleMapAsync(caller.Couple.Id, ct);
        if (map is not { IsShared: true } || current is null) return null;
        var sides = CycleMapMapping.Sides(caller.Couple, current).Select(s => new PortalCycleMapSideDto(s.Label, s.PartnerId == caller.Me.Id,
            s.Trigger, s.Moves, s.MoveInOwnWords, s.Feeling, s.Fear, s.Need)).ToList();
        return new PortalCycleMapDto(sides, current.Exit, current.SavedAt);
    }
}

public sealed record MyRemindersDto(bool AppointmentReminders, bool HomeworkNudges, bool QuestionnaireReminders, TimeOnly? QuietHoursStart,
    TimeOnly? QuietHoursEnd);

/// <summary>The email reminders this partner chose.</summary>
internal sealed class RemindersSection(ClinicDbContext db) : IMyDataSection
{
    public string Key => "reminders";
    public string Title => "Email reminders you chose";
    public int Order => 50;

    public async Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct)
    {
        var p = await db.NotificationPreferences.SingleOrDefaultAsync(n => n.PartnerId == caller.Me.Id, ct);
        return p is null ? null : new MyRemindersDto(p.AppointmentReminders, p.HomeworkNudges, p.QuestionnaireReminders, p.QuietHoursStart, p.QuietHoursEnd);
    }
}
