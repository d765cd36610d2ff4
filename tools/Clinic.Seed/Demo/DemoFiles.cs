using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clinic.Seed.Demo;

/// <summary>
/// The demo practice as it is written in seeds/demo/: plain data with dates as "days ago", so a
/// load on any day produces a caseload that looks current. Scores are never in the files; they are
/// computed by the same functions the API uses.
/// </summary>
public sealed record DemoPractice(List<DemoTherapist> Therapists, string ClientPassword)
{
    [JsonPropertyName("_comment")] public string? Comment { get; init; }

    /// <summary>One supervision link of the demo (issue 34): its comments and the supervisee's log.</summary>
    public DemoSupervision? Supervision { get; init; }
}

/// <param name="CosignedBeforeDaysAgo">The supervisee's sessions signed since the link began and more than this many days ago are
/// co-signed; the later ones await the supervisor.</param>
public sealed record DemoSupervision(string Supervisor, string Supervisee, bool Trainee, int StartedDaysAgo, int CosignedBeforeDaysAgo,
    List<DemoSupervisionComment> Comments, List<DemoSupervisionMeeting> Meetings);

/// <param name="Session">The session's number in its couple's file, from 1.</param>
/// <param name="Author">"supervisor" or "supervisee".</param>
public sealed record DemoSupervisionComment(string Couple, int Session, string Author, int DaysAgo, string Text);

public sealed record DemoSupervisionMeeting(int DaysAgo, int Minutes, string Format, List<string> Couples, string Notes);

public sealed record DemoTherapist(string Key, string Email, string FirstName, string LastName, string Password);

public sealed record DemoCouple(
    string Key,
    string Therapist,
    string Story,
    string Status,
    int StartedDaysAgo,
    int? ClosedDaysAgo,
    string PresentingConcerns,
    string Goals,
    List<DemoPartner> Partners,
    List<DemoSession> Sessions,
    List<DemoAssessment>? Assessments,
    List<DemoQuestionnaireRequest>? QuestionnaireRequests,
    List<DemoHomework>? Homework,
    List<DemoCheckIn>? CheckIns,
    DemoCycleMap? CycleMap = null,
    DemoPlan? Plan = null,
    DemoClosing? Closing = null);

/// <summary>The couple's treatment plan: one version saved on its day, reviewed once when <c>Review</c> is given.</summary>
public sealed record DemoPlan(int SavedDaysAgo, int ReviewEvery, List<string> Problems, List<DemoPlanGoal> Goals, DemoPlanReview? Review = null);

/// <param name="Owner">couple, partner_a or partner_b.</param>
public sealed record DemoPlanGoal(string Owner, string Statement, string? Status, DemoGoalMeasure? Measure, List<DemoGoalIntervention>? Interventions);

public sealed record DemoGoalMeasure(string Kind, string? Instrument, string? Subscale, string? Partner, string Comparison, double Target);

public sealed record DemoGoalIntervention(int? Stage, int? Step, string Text);

public sealed record DemoPlanReview(int DaysAgo, string Summary, string? Changes);

/// <summary>A closed couple's signed closing summary: the reason (goals_met, mutual_decision, …) and the text.</summary>
public sealed record DemoClosing(string Reason, string Summary);

/// <summary>The couple's cycle map: its saved versions, oldest first, and whether both partners see it.</summary>
public sealed record DemoCycleMap(bool Shared, List<DemoCycleMapVersion> Versions);

public sealed record DemoCycleMapVersion(int DaysAgo, DemoCycleMapSide A, DemoCycleMapSide B, string Exit);

public sealed record DemoCycleMapSide(string Trigger, List<string> Moves, string MoveInOwnWords, string Feeling, string Fear, string Need);

public sealed record DemoPartner(string FirstName, string LastName, string? Pronouns, string Email, bool SignIn);

public sealed record DemoSession(
    int DaysAgo, string StartTime, int Minutes, string Format, string Attendance, int Stage, int Step, string Note,
    bool Signed, DemoCycle? Cycle, List<DemoTangoMove>? TangoMoves = null);

/// <summary>An EFT Tango move used in the session (one of <c>TangoMoves.All</c>) with the therapist's note.</summary>
public sealed record DemoTangoMove(string Move, string Note);

public sealed record DemoCycle(
    DemoRating A, DemoRating B, int Episodes, int Peak, int RepairMinutes, List<string> Triggers, List<string> Markers);

public sealed record DemoRating(string Position, int Intensity);

/// <summary>
/// Partner "a" or "b"; a portal assessment answers a questionnaire request sent a few days earlier. The instrument
/// is ECR-RS unless named (CSI-4, PHQ-9, GAD-7 …); answers are item id → the option's value.
/// </summary>
public sealed record DemoAssessment(string Partner, int DaysAgo, string Source, Dictionary<string, int> Responses,
    string Instrument = "ECR-RS");

public sealed record DemoQuestionnaireRequest(string Partner, int DaysAgo, string Instrument = "ECR-RS");

public sealed record DemoHomework(
    string Key, string Exercise, string AssignedTo, int StartsDaysAgo, int DueDaysAgo, int TargetPerWeek, string Note,
    string Status, List<DemoEntry> Entries);

public sealed record DemoEntry(string Partner, int DaysAgo, string? Role, string Visibility, Dictionary<string, JsonElement> Fields);

/// <param name="Answers">None: asked <paramref name="DaysAgo"/> and still waiting in the partner's portal.</param>
public sealed record DemoCheckIn(string Partner, int DaysAgo, string Reason, Dictionary<string, JsonElement>? Answers);

internal static class DemoFiles
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static DemoPractice ReadPractice(string directory) => Read<DemoPractice>(Path.Combine(directory, "practice.json"));

    public static IReadOnlyList<DemoCouple> ReadCouples(string directory) =>
        Directory.GetFiles(Path.Combine(directory, "couples"), "*.json").Order(StringComparer.Ordinal)
            .Select(Read<DemoCouple>).ToList();

    private static T Read<T>(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(file), Options)
                   ?? throw new InvalidDataException($"{file} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{file}: {e.Message}", e);
        }
    }
}
