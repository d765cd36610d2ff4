using System.Net;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using static Clinic.Api.Tests.Security.Caller;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// Who may call what, as one table checked over HTTP (DESIGN §1: 401 no token, 403 a role that may
/// never call it, 404 a record the caller may not see). Columns: anon, admin, owner (therapist A,
/// owns couples X and Y), otherTherapist (B, owns Z), partners 1 and 2 of couple X, a partner of Y.
/// Every mapped route needs a row; a new route without one fails <see cref="EveryMappedRoute_HasARow"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(ArrangedPracticeFactory factory) : IClassFixture<ArrangedPracticeFactory>
{
    private static MatrixRow Row(string method, string template, int anon, int admin, int owner, int otherTherapist,
        int partnerX1, int partnerX2, int partnerY, Body? body = null, bool freshSessions = false) =>
        new(method, template, new Dictionary<Caller, int>
        {
            [Anon] = anon, [Admin] = admin, [Owner] = owner, [OtherTherapist] = otherTherapist,
            [PartnerX1] = partnerX1, [PartnerX2] = partnerX2, [PartnerY] = partnerY,
        }, body, freshSessions);

    // Bodies valid for the caller allowed to write, so the row proves authorization rather than validation.
    private static Body Json(object body) => (_, _, _) => Task.FromResult<object?>(body);
    private static readonly Body SessionBody = (p, _, _) => Task.FromResult<object?>(Caseload.NewSession(p.CoupleX, "2026-12-20"));
    private static readonly Body CurrentVersion = async (p, ids, _) =>
        new { version = (await p.Owner.GetJsonAsync($"/api/sessions/{ids["freshSessionId"]}"))["version"]!.GetValue<uint>() };

    // Declared before Rows: static fields initialise in text order.
    private static readonly Body AssignmentVersion = async (p, ids, _) =>
    {
        var list = await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/homework?pageSize=100");
        var assignment = list["items"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == ids["freshAssignmentId"])!;
        return new { version = assignment["version"]!.GetValue<uint>(), status = "completed" };
    };

    private static readonly Body AppointmentVersion = async (p, ids, _) =>
    {
        var list = await p.Owner.CoupleAppointmentsAsync(p.CoupleX);
        var appointment = list.AsArray().Single(a => a!["id"]!.GetValue<string>() == ids["freshAppointmentId"])!;
        return new { version = appointment["version"]!.GetValue<uint>(), durationMinutes = 60, confirmOverlap = true };
    };

    // Booking: each therapist writes their own hours (the version they read, null before the first save).
    private static readonly Body AvailabilityBody = async (p, _, caller) =>
    {
        if (caller is not (Owner or OtherTherapist)) return BookingBuilders.Hours();
        var current = await p.Clients[caller].GetJsonAsync("/api/me/availability");
        return BookingBuilders.Hours(autoApprove: false, version: current["version"]?.GetValue<uint>());
    };

    private static readonly Body AskBody = async (p, _, _) => new { startsAt = await FreeTimeOfXAsync(p), attendees = "both" };
    private static readonly Body MoveBody = async (p, _, _) => new { startsAt = await FreeTimeOfXAsync(p) };

    // Waitlist: the owner's entry, edited with the version read (others are refused before the body matters).
    private static readonly Body WaitlistVersion = async (p, ids, caller) =>
    {
        if (caller != Owner) return new { version = 1, notes = "Not mine." };
        var entry = await p.Owner.GetJsonAsync($"/api/waitlist/{ids["ownerWaitlistEntryId"]}");
        return new { version = entry["version"]!.GetValue<uint>(), notes = "Call after 18:00." };
    };

    private static readonly Body WaitlistOffer = (p, _, _) => Task.FromResult<object?>(new { startsAt = p.Factory.Local(30, "06:00") });

    /// <summary>The caller's own full name, as a signature needs it (partners of X and Y; anyone else is refused first).</summary>
    private static readonly Body OwnName = (p, _, caller) => Task.FromResult<object?>(new
    {
        typedName = caller switch
        {
            PartnerX2 => p.CoupleX.FullName(1),
            PartnerY => p.CoupleY.FullName(0),
            _ => p.CoupleX.FullName(0),
        },
        agreeToSignElectronically = true,
    });

    private static readonly object IntakeAnswers = new
    {
        yearsTogether = 3, livingTogether = true, relationshipHistory = "Met at work.", mainConcern = "Distance.", hopesForTherapy = "Closeness.",
        commitment = "fully", priorTherapy = false, emergencyContactName = "A friend", emergencyContactPhone = "+44 20 7946 0000",
    };

    // Supervision links: two new therapists (one made a supervisor) for the admin's write; others are refused before the body matters.
    private static readonly Body NewLinkBody = async (p, _, caller) =>
    {
        if (caller != Admin) return new { superviseeId = Guid.NewGuid(), supervisorId = Guid.NewGuid(), startsOn = "2026-01-01" };
        var (superviseeId, supervisorId) = await NewPairAsync(p);
        return new { superviseeId, supervisorId, startsOn = p.Factory.PracticeToday().Iso(), trainee = true };
    };

    private static readonly Body LinkVersion = async (p, ids, caller) =>
    {
        if (caller != Admin) return new { version = 1 };
        var links = await p.Clients[Admin].GetJsonAsync("/api/admin/supervision?pageSize=100");
        var link = links["items"]!.AsArray().Single(l => l!["id"]!.GetValue<string>() == ids["supervisionLinkId"])!;
        return new { version = link["version"]!.GetValue<uint>(), trainee = false };
    };

    private static async Task<(Guid Supervisee, Guid Supervisor)> NewPairAsync(Practice p)
    {
        var supervisee = (await p.Factory.CreateTherapistAsync()).Id;
        var supervisor = (await p.Factory.CreateTherapistAsync()).Id;
        await p.Clients[Admin].ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/admin/therapists/{supervisor}", new { supervisor = true });
        return (supervisee, supervisor);
    }

    /// <summary>The newest message of X's joint thread, written by the owner first so there is one to mark read.</summary>
    private static readonly Body LatestOfJointX = async (p, ids, _) =>
    {
        var message = await p.Owner.PostJsonAsync($"/api/threads/{ids["jointOfXId"]}/messages", new { body = "A note for both of you." });
        return new { upTo = message["seq"]!.GetValue<long>() };
    };

    public static readonly IReadOnlyList<MatrixRow> Rows =
    [
        // Anonymous by design (reviewed in EndpointInventoryTests); the caller's token changes nothing.
        Row("POST", "/api/auth/login", 401, 401, 401, 401, 401, 401, 401, Json(new { email = "nobody@clinic.test", password = "not-a-password-at-all" })),
        // Without a cookie there is nobody to refresh: 204, no body (a first visit asks this on load).
        Row("POST", "/api/auth/refresh", 204, 200, 200, 200, 200, 200, 200),
        Row("POST", "/api/auth/invitations/accept", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token", password = "long-enough-password" })),
        Row("POST", "/api/auth/password/forgot", 202, 202, 202, 202, 202, 202, 202, Json(new { email = "nobody@clinic.test" })),
        Row("POST", "/api/auth/password/reset", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token", password = "long-enough-password" })),
        Row("POST", "/api/auth/password/reset/check", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token" })),
        Row("POST", "/api/notifications/unsubscribe", 400, 400, 400, 400, 400, 400, 400),
        Row("POST", "/api/auth/email-change/confirm", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token" })),
        Row("ANY", "/health/live", 200, 200, 200, 200, 200, 200, 200),
        Row("ANY", "/health/ready", 200, 200, 200, 200, 200, 200, 200),
        Row("HEAD", "/{path}", 200, 200, 200, 200, 200, 200, 200),
        Row("GET", "/{path}", 200, 200, 200, 200, 200, 200, 200), // SPA fallback: deep links load the web app
        // Writes to a web-app path: no such route, for anyone.
        Row("POST", "/{path}", 404, 404, 404, 404, 404, 404, 404),
        Row("PUT", "/{path}", 404, 404, 404, 404, 404, 404, 404),
        Row("PATCH", "/{path}", 404, 404, 404, 404, 404, 404, 404),
        Row("DELETE", "/{path}", 404, 404, 404, 404, 404, 404, 404),

        // Mine, whoever I am.
        // Anonymous too: the refresh cookie or an expired token names the session (nothing named, nothing ended).
        Row("POST", "/api/auth/logout", 204, 204, 204, 204, 204, 204, 204, freshSessions: true),
        Row("GET", "/api/me", 401, 200, 200, 200, 200, 200, 200),
        Row("GET", "/api/me/sessions", 401, 200, 200, 200, 200, 200, 200),
        Row("DELETE", "/api/me/sessions/{ownerSpareSessionId}", 401, 404, 204, 404, 404, 404, 404),
        Row("POST", "/api/me/sessions/end-others", 401, 200, 200, 200, 200, 200, 200, freshSessions: true),
        Row("POST", "/api/me/password", 401, 204, 204, 204, 204, 204, 204,
            (p, _, caller) => Task.FromResult<object?>(new { currentPassword = p.PasswordOf(caller), newPassword = p.PasswordOf(caller) }),
            freshSessions: true),
        Row("POST", "/api/me/mfa/enrolment", 401, 200, 200, 200, 403, 403, 403,
            (p, _, caller) => Task.FromResult<object?>(new { currentPassword = p.PasswordOf(caller) }), freshSessions: true),
        Row("POST", "/api/me/mfa/enrolment/confirm", 401, 400, 400, 400, 403, 403, 403, Json(new { code = "000000" }), freshSessions: true),
        Row("DELETE", "/api/me/mfa", 401, 409, 409, 409, 403, 403, 403, Json(new { currentPassword = "whatever-it-is" })),

        // Administration: admins only, never clinical content.
        Row("GET", "/api/admin/therapists", 401, 200, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/therapists", 401, 201, 403, 403, 403, 403, 403,
            (_, _, _) => Task.FromResult<object?>(new { email = $"n{Guid.NewGuid():N}"[..12] + "@clinic.test", firstName = "New", lastName = "Hire" })),
        Row("POST", "/api/admin/therapists/{spareTherapistId}/deactivate", 401, 204, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/therapists/{spareTherapistId}/mfa/reset", 401, 204, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/users/{spareTherapistId}/sessions/revoke", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/audit", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/audit.csv", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/audit/people", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/audit/couples", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/audit/actions", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/practice", 401, 200, 403, 403, 403, 403, 403),
        // The GET's own body, sent back unchanged.
        Row("PUT", "/api/admin/practice", 401, 200, 403, 403, 403, 403, 403,
            async (p, _, _) => (await p.Clients[Admin].GetJsonAsync("/api/admin/practice")).ToJsonString()),
        // Supervision (issue 34): the admin manages capabilities and links — names and days, nothing clinical.
        Row("PATCH", "/api/admin/therapists/{spareTherapistId}", 401, 200, 403, 403, 403, 403, 403, Json(new { supervisor = true })),
        Row("GET", "/api/admin/supervision", 401, 200, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/supervision", 401, 201, 403, 403, 403, 403, 403, NewLinkBody),
        Row("PATCH", "/api/admin/supervision/{supervisionLinkId}", 401, 200, 403, 403, 403, 403, 403, LinkVersion),
        // Where to get help now: every partner, the same text.
        Row("GET", "/api/portal/crisis-resources", 401, 403, 403, 403, 200, 200, 200),

        // The caseload: therapists, own couples only; another caseload is a 404.
        Row("GET", "/api/couples", 401, 403, 200, 200, 403, 403, 403),
        Row("POST", "/api/couples", 401, 403, 201, 201, 403, 403, 403, (_, _, _) => Task.FromResult<object?>(Caseload.NewCouple())),
        Row("GET", "/api/couples/{coupleId}", 401, 403, 200, 404, 403, 403, 403),
        Row("PATCH", "/api/couples/{coupleId}", 401, 403, 200, 404, 403, 403, 403,
            async (p, _, _) => new { version = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}"))["version"]!.GetValue<uint>(), goals = "Softening." }),
        Row("PATCH", "/api/couples/{coupleId}/partners/{partnerX2Id}", 401, 403, 200, 404, 403, 403, 403,
            async (p, _, _) => new { version = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}"))["partners"]![1]!["version"]!.GetValue<uint>(), pronouns = "she/her" }),
        Row("POST", "/api/couples/{uninvitedCoupleId}/partners/{uninvitedPartnerId}/invitation", 401, 403, 201, 404, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/sessions", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/sessions", 401, 403, 201, 404, 403, 403, 403, SessionBody),
        Row("GET", "/api/sessions/{sessionId}", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/sessions/{freshSessionId}", 401, 403, 200, 404, 403, 403, 403,
            async (p, ids, c) => new
            {
                version = (await p.Owner.GetJsonAsync($"/api/sessions/{ids["freshSessionId"]}"))["version"]!.GetValue<uint>(),
                date = "2026-12-21", startTime = "17:00", durationMinutes = 50, format = "video", attendance = "both", eftStage = 1, eftStep = 3,
                note = "Revised.", cycle = ((dynamic)Caseload.NewSession(p.CoupleX)).cycle,
            }),
        Row("POST", "/api/sessions/{freshSessionId}/sign", 401, 403, 200, 404, 403, 403, 403, CurrentVersion),
        Row("POST", "/api/sessions/{signedSessionId}/amendments", 401, 403, 201, 404, 403, 403, 403, Json(new { text = "Correction: step 3." })),
        // Supervision: the owner supervises nobody, so co-signing their own session is not theirs to do (404); the
        // supervisor's side is SupervisionTests'. Comments are the therapist's and their supervisor's only.
        Row("GET", "/api/supervision/queue", 401, 403, 200, 200, 403, 403, 403),
        Row("GET", "/api/supervision/couples", 401, 403, 200, 200, 403, 403, 403),
        Row("GET", "/api/sessions/{sessionId}/supervision-comments", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/sessions/{sessionId}/supervision-comments", 401, 403, 201, 404, 403, 403, 403, Json(new { text = "To discuss: the pace at step 2." })),
        Row("POST", "/api/sessions/{signedSessionId}/cosign", 401, 403, 404, 404, 403, 403, 403, Json(new { version = 1 })),
        Row("POST", "/api/sessions/{sessionId}/discuss-in-supervision", 401, 403, 200, 404, 403, 403, 403, Json(new { discuss = true })),
        // The supervision log is each therapist's own: another therapist's meeting reads as 404.
        Row("GET", "/api/supervision/meetings", 401, 403, 200, 200, 403, 403, 403),
        Row("POST", "/api/supervision/meetings", 401, 403, 201, 201, 403, 403, 403,
            Json(new { metOn = "2025-10-06", durationMinutes = 60, format = "individual", coupleIds = Array.Empty<Guid>(), notes = "" })),
        Row("GET", "/api/supervision/meetings/{ownerMeetingId}", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/supervision/meetings.csv", 401, 403, 200, 200, 403, 403, 403),

        // Assessments (therapist side) and the questionnaires a client answers in the portal.
        Row("GET", "/api/instruments", 401, 403, 200, 200, 200, 200, 200),
        Row("GET", "/api/couples/{coupleId}/assessments", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/assessments", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(AssessmentBuilders.NewAssessment(p.CoupleX.PartnerId(0), AssessmentBuilders.EcrRsAll(4)))),
        Row("GET", "/api/couples/{coupleId}/questionnaire-requests", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/questionnaire-requests", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(new { partnerId = p.CoupleX.PartnerId(1), instrument = "ECR-RS", shareResultsWithClient = false })),
        Row("GET", "/api/couples/{coupleId}/measure-schedules", 401, 403, 200, 404, 403, 403, 403),
        // A new instrument each time the owner succeeds, so the one-running-schedule rule is not what answers.
        Row("POST", "/api/couples/{coupleId}/measure-schedules", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(ScheduleBuilders.NewSchedule(p.CoupleX.PartnerId(1), p.Factory.PracticeToday().AddDays(1), "CSI-16"))),
        Row("DELETE", "/api/couples/{coupleId}/measure-schedules/{scheduleOfXId}", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/fhir", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/questionnaires", 401, 403, 403, 403, 200, 200, 200),
        // Addressed to partner 1 of X: their partner and another couple's partner get 404.
        Row("POST", "/api/portal/questionnaires/{questionnaireForX1Id}", 401, 403, 403, 403, 201, 404, 404,
            Json(new { responses = AssessmentBuilders.EcrRsAll(4) })),
        // After the row above answered its request, so this one may ask for a new one.
        Row("PUT", "/api/portal/questionnaires/{questionnaireForX1Id}/draft", 401, 403, 403, 403, 200, 404, 404,
            Json(new { responses = new Dictionary<string, int> { ["ecrrs-1"] = 4 } })),

        // Safety: therapist-only records; the check-in is private to the partner it is addressed to.
        Row("POST", "/api/couples/{coupleId}/safety-checks", 401, 403, 201, 404, 403, 403, 403,
            async (p, _, caller) =>
            {
                // Partner 2 of X answers any waiting check-in first, so the owner's new request is not a 409.
                if (caller == Caller.Owner && (await p.Clients[Caller.PartnerX2].GetJsonAsync("/api/portal/check-ins"))["items"]!.AsArray()
                        .Any(c => c!["status"]?.GetValue<string>() is null or "pending"))
                    await p.Clients[Caller.PartnerX2].AnswerMyCheckInAsync(SafetyBuilders.SafeAnswers());
                return new { partnerId = p.CoupleX.PartnerId(1) };
            }),
        Row("GET", "/api/couples/{coupleId}/safety", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/couples/{coupleId}/partners/{partnerX2Id}/risk-record", 401, 403, 200, 404, 403, 403, 403,
            Json(SafetyBuilders.RiskRecord())),
        Row("POST", "/api/safety-flags/{openFlagOfYId}/resolve", 401, 403, 200, 404, 403, 403, 403, Json(new { note = "Discussed individually." })),
        Row("GET", "/api/portal/check-ins", 401, 403, 403, 403, 200, 200, 200),
        Row("POST", "/api/portal/check-ins/{checkInForX1Id}", 401, 403, 403, 403, 200, 404, 404,
            Json(new { answers = SafetyBuilders.SafeAnswers() })),

        // Homework: the catalogue for therapists and clients; assignments are the therapist's; entries the author's.
        Row("GET", "/api/exercises", 401, 403, 200, 200, 200, 200, 200),
        Row("GET", "/api/couples/{coupleId}/homework", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/homework", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(HomeworkBuilders.NewAssignment(p.Factory.Today(), p.Factory.Today().AddDays(14)))),
        Row("PATCH", "/api/homework/{freshAssignmentId}", 401, 403, 200, 404, 403, 403, 403, AssignmentVersion),
        Row("GET", "/api/homework/{jointAssignmentOfXId}/entries", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/me", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/homework", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/homework/{jointAssignmentOfXId}/entries", 401, 403, 403, 403, 200, 200, 404),
        Row("POST", "/api/portal/homework/{jointAssignmentOfXId}/entries", 401, 403, 403, 403, 201, 201, 404,
            (p, _, _) => Task.FromResult<object?>(HomeworkBuilders.TurnsEntry(p.Factory.Today(), "needing"))),
        Row("PATCH", "/api/portal/entries/{freshEntryOfX1Id}", 401, 403, 403, 403, 200, 404, 404, Json(new { visibility = "private" })),
        Row("DELETE", "/api/portal/entries/{freshEntryOfX1Id}", 401, 403, 403, 403, 204, 404, 404),

        // The cycle map, in this order: saved, shared (both partners of X see it, Y's partner does not), unshared.
        Row("GET", "/api/couples/{coupleId}/cycle-map", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/couples/{coupleId}/cycle-map", 401, 403, 200, 404, 403, 403, 403,
            async (p, _, _) => CycleMapBuilders.Map(p.CoupleX, (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/cycle-map"))["version"]!.GetValue<int>())),
        Row("GET", "/api/couples/{coupleId}/cycle-map/versions", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/cycle-map/share", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/cycle-map", 401, 403, 403, 403, 200, 200, 404),
        Row("POST", "/api/couples/{coupleId}/cycle-map/unshare", 401, 403, 200, 404, 403, 403, 403),

        // The case conceptualisation (issue 34): the owner's to write; a supervisor's reads are in ConceptualisationTests.
        Row("GET", "/api/couples/{coupleId}/conceptualisation", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/couples/{coupleId}/conceptualisation", 401, 403, 200, 404, 403, 403, 403,
            async (p, _, _) => new
            {
                version = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/conceptualisation"))["version"]!.GetValue<int>(),
                sections = new { presentingConcerns = "Escalation about chores.", formulation = "Pursue–withdraw around closeness." },
            }),
        Row("GET", "/api/couples/{coupleId}/conceptualisation/versions", 401, 403, 200, 404, 403, 403, 403),

        // The treatment plan: saved, then reviewed (the review's body saves a first plan for the owner, who alone gets that far).
        Row("GET", "/api/couples/{coupleId}/treatment-plan", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/couples/{coupleId}/treatment-plan", 401, 403, 200, 404, 403, 403, 403,
            async (p, _, _) => TreatmentPlanBuilders.Plan((await p.Owner.GetJsonAsync(p.CoupleX.PlanUrl()))["version"]!.GetValue<int>(),
                TreatmentPlanBuilders.Goal())),
        Row("GET", "/api/couples/{coupleId}/treatment-plan/versions", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/treatment-plan", 401, 403, 403, 403, 200, 200, 404),
        Row("POST", "/api/portal/treatment-plan/agreement", 401, 403, 403, 403, 200, 200, 404,
            async (p, _, caller) => new
            {
                version = (await p.Owner.GetJsonAsync(p.CoupleX.PlanUrl()))["version"]!.GetValue<int>(),
                typedName = caller switch { PartnerX2 => p.CoupleX.FullName(1), PartnerY => p.CoupleY.FullName(0), _ => p.CoupleX.FullName(0) },
                agreeToSignElectronically = true,
            }),
        Row("GET", "/api/couples/{coupleId}/treatment-plan/reviews", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/treatment-plan/reviews", 401, 403, 201, 404, 403, 403, 403,
            async (p, _, caller) =>
            {
                if (caller == Owner && (await p.Owner.GetJsonAsync(p.CoupleX.PlanUrl()))["version"]!.GetValue<int>() == 0)
                    await p.Owner.SavePlanAsync(p.CoupleX, 0);
                return new { summary = "Goals on track; the cycle is easing.", changes = "None." };
            }),

        // Closing (issue 29): a couple of its own is closed; the draft reads X, the signed summary a couple closed for the row.
        Row("GET", "/api/couples/{coupleId}/closing-summary/draft", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{uninvitedCoupleId}/close", 401, 403, 200, 404, 403, 403, 403,
            async (p, ids, _) => new
            {
                version = (await p.Owner.GetJsonAsync($"/api/couples/{ids["uninvitedCoupleId"]}"))["version"]!.GetValue<uint>(),
                reason = "mutual_decision", summary = "Goals reviewed; closing by agreement.",
            }),
        Row("GET", "/api/couples/{closedCoupleId}/closing-summary", 401, 403, 200, 404, 403, 403, 403),

        // Appointments: the therapist's own caseload and calendar; a partner sees only the ones they attend.
        Row("POST", "/api/couples/{coupleId}/appointments", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(AppointmentBuilders.NewAppointment(p.Factory.Local(9, "08:00"), "partner_a", confirmOverlap: true))),
        Row("GET", "/api/couples/{coupleId}/appointments", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/appointments", 401, 403, 200, 200, 403, 403, 403),
        Row("PATCH", "/api/appointments/{freshAppointmentId}", 401, 403, 200, 404, 403, 403, 403, AppointmentVersion),
        // Authorised, then refused for being days ahead: holding is for the day of the appointment.
        Row("POST", "/api/appointments/{freshAppointmentId}/hold", 401, 403, 409, 404, 403, 403, 403),
        Row("GET", "/api/portal/appointments", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/appointments/{jointAppointmentOfXId}.ics", 401, 403, 403, 403, 200, 200, 404),

        // Notification preferences are the partner's own; the delivery log is the admin's (never a body).
        Row("GET", "/api/portal/notification-preferences", 401, 403, 403, 403, 200, 200, 200),
        Row("PUT", "/api/portal/notification-preferences", 401, 403, 403, 403, 200, 200, 200,
            Json(new { appointmentReminders = true, homeworkNudges = true, questionnaireReminders = true })),
        Row("GET", "/api/admin/deliveries", 401, 200, 403, 403, 403, 403, 403),
        // Authorised, then refused: here nothing is sent, so the message is still waiting and goes on its own.
        Row("POST", "/api/admin/deliveries/{pendingDeliveryId}/resend", 401, 409, 403, 403, 403, 403, 403),

        // Dashboards: therapist-only; another caseload's couple is 404.
        Row("GET", "/api/dashboard/caseload", 401, 403, 200, 200, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/dashboard", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/caseload-row", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/report", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/couples/{coupleId}/report.csv", 401, 403, 200, 404, 403, 403, 403),

        // Agreements and intake (issue 28). Documents and practice forms are the admin's; agreements, forms and releases
        // are the couple's therapist's; a partner reads, signs and answers only their own, and what is addressed to
        // partner 1 of X alone (a form) is 404 to partner 2.
        Row("GET", "/api/admin/documents", 401, 200, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/documents", 401, 201, 403, 403, 403, 403, 403,
            Json(new { kind = "telehealth_consent", title = "Video sessions", body = "Join from a private place." })),
        Row("GET", "/api/admin/documents/{consentDocumentId}", 401, 200, 403, 403, 403, 403, 403),
        Row("POST", "/api/admin/documents/{consentDocumentId}/versions", 401, 201, 403, 403, 403, 403, 403,
            async (p, ids, _) => new
            {
                basedOnVersion = (await p.Clients[Admin].GetJsonAsync($"/api/admin/documents/{ids["consentDocumentId"]}"))["currentVersion"]!.GetValue<int>(),
                title = "Consent to couples therapy", body = "Revised wording.",
            }),
        Row("GET", "/api/forms", 401, 200, 200, 200, 403, 403, 403),
        Row("GET", "/api/forms/{formCode}", 401, 200, 200, 200, 403, 403, 403),
        Row("POST", "/api/admin/forms", 401, 201, 403, 403, 403, 403, 403,
            Json(new { code = "matrix-form", title = "Matrix form", sections = new[] { new { key = "a", title = "A",
                fields = new[] { new { name = "goal", label = "Goal", type = "text", required = true, maxLength = 100 } } } } })),
        Row("GET", "/api/couples/{coupleId}/agreements", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/agreements", 401, 403, 201, 404, 403, 403, 403, Json(new { documentKind = "telehealth_consent" })),
        Row("POST", "/api/couples/{coupleId}/intake", 401, 403, 200, 404, 403, 403, 403, Json(new { policy = "no_secrets" })),
        Row("POST", "/api/couples/{coupleId}/agreements/{consentOfXId}/paper", 401, 403, 200, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(new { partnerId = p.CoupleX.PartnerId(1), signedOn = p.Factory.Today().Iso() })),
        Row("POST", "/api/couples/{coupleId}/agreements/{consentOfXId}/remind", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/agreements", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/agreements/{consentOfXId}", 401, 403, 403, 403, 200, 200, 404),
        // Partner 2 signed on paper above: signing again is the same signature.
        Row("POST", "/api/portal/agreements/{consentOfXId}/sign", 401, 403, 403, 403, 200, 200, 404, OwnName),
        Row("POST", "/api/portal/agreements/{policyOfXId}/decline", 401, 403, 403, 403, 200, 200, 404, Json(new { reason = "Not yet." })),
        Row("GET", "/api/couples/{coupleId}/form-requests", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/form-requests", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(new { formCode = "matrix-form", partnerId = p.CoupleX.PartnerId(1) })),
        Row("GET", "/api/portal/forms", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/forms/{intakeOfX1Id}", 401, 403, 403, 403, 200, 404, 404),
        Row("PUT", "/api/portal/forms/{intakeOfX1Id}/draft", 401, 403, 403, 403, 200, 404, 404, Json(new { answers = new { yearsTogether = 3 } })),
        Row("POST", "/api/portal/forms/{intakeOfX1Id}", 401, 403, 403, 403, 200, 404, 404, Json(new { answers = IntakeAnswers })),
        Row("GET", "/api/couples/{coupleId}/form-requests/{intakeOfX1Id}", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/couples/{coupleId}/releases", 401, 403, 201, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(new { recipient = "Dr Rivera", purpose = "Coordinating care", includes = new[] { "sessions" },
                from = "2026-01-01", to = "2026-12-31", expiresOn = p.Factory.Today().AddDays(90).Iso() })),
        Row("GET", "/api/couples/{coupleId}/releases", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/releases", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/releases/{releaseOfXId}", 401, 403, 403, 403, 200, 200, 404),
        Row("POST", "/api/portal/releases/{releaseOfXId}/sign", 401, 403, 403, 403, 200, 200, 404, OwnName),
        Row("GET", "/api/couples/{coupleId}/releases/{releaseOfXId}/export", 401, 403, 200, 404, 403, 403, 403),
        // Partner 2 revokes first; partner 1 then finds it revoked already.
        Row("POST", "/api/portal/releases/{releaseOfXId}/revoke", 401, 403, 403, 403, 409, 200, 404, Json(new { reason = "Changed my mind." })),

        // Kept session notes: a therapist's own; a couple of another caseload is 404.
        Row("GET", "/api/me/session-drafts", 401, 403, 200, 200, 403, 403, 403),
        Row("PUT", "/api/me/session-drafts", 401, 403, 200, 404, 403, 403, 403,
            (p, _, _) => Task.FromResult<object?>(new { coupleId = p.CoupleX.Id(), note = "Kept across a sign-out." })),
        Row("DELETE", "/api/me/session-drafts/{ownerDraftId}", 401, 403, 204, 404, 403, 403, 403),

        // Booking: a therapist's own hours and the requests of their caseload; a partner asks and answers for their own couple only.
        Row("GET", "/api/me/availability", 401, 403, 200, 200, 403, 403, 403),
        Row("PUT", "/api/me/availability", 401, 403, 200, 200, 403, 403, 403, AvailabilityBody),
        Row("GET", "/api/booking/requests", 401, 403, 200, 200, 403, 403, 403),
        Row("POST", "/api/booking/requests/{requestAwaitingOwnerId}/approve", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/booking/requests/{requestAwaitingOwnerId}/decline", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/portal/booking/slots", 401, 403, 403, 403, 200, 200, 200),
        Row("POST", "/api/portal/booking/requests", 401, 403, 403, 403, 201, 201, 201, AskBody),
        Row("GET", "/api/portal/booking/requests", 401, 403, 403, 403, 200, 200, 200),
        // Asked by X1: X2 answers it (200); it is not waiting for X1 (409); Y's partner does not see it (404).
        Row("POST", "/api/portal/booking/requests/{requestAskedByX1Id}/confirm", 401, 403, 403, 403, 409, 200, 404),
        Row("POST", "/api/portal/booking/requests/{requestAskedByX1Id}/decline", 401, 403, 403, 403, 409, 200, 404),
        // X2 cancels first (200), so X1 finds it cancelled (409).
        Row("POST", "/api/portal/appointments/{freshJointAppointmentOfXId}/cancel", 401, 403, 403, 403, 409, 200, 404),
        // X2 asks first (201), so X1 finds a new time already waiting (409).
        Row("POST", "/api/portal/appointments/{freshJointAppointmentOfXId}/move", 401, 403, 403, 403, 409, 201, 404, MoveBody),

        // Waitlist (DESIGN §16): a therapist's own list; another therapist's entry is 404. The offer's link is its own credential.
        Row("GET", "/api/waitlist", 401, 403, 200, 200, 403, 403, 403),
        Row("POST", "/api/waitlist", 401, 403, 201, 201, 403, 403, 403, (_, _, _) => Task.FromResult<object?>(WaitlistBuilders.NewEntry())),
        Row("GET", "/api/waitlist/{ownerWaitlistEntryId}", 401, 403, 200, 404, 403, 403, 403),
        Row("PATCH", "/api/waitlist/{ownerWaitlistEntryId}", 401, 403, 200, 404, 403, 403, 403, WaitlistVersion),
        Row("POST", "/api/waitlist/{ownerWaitlistEntryId}/offer", 401, 403, 200, 404, 403, 403, 403, WaitlistOffer),
        Row("POST", "/api/waitlist/offers/check", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token" })),
        Row("POST", "/api/waitlist/offers/accept", 400, 400, 400, 400, 400, 400, 400, Json(new { token = "not-a-token" })),

        // Retention (DESIGN §17): the admin's list, hold and purge — couple X is open, so its purge is refused after
        // authorization — and the couple page's panel; backups and the practice export are the admin's; a partner's
        // copy of their own data is theirs.
        Row("GET", "/api/admin/retention", 401, 200, 403, 403, 403, 403, 403),
        Row("PUT", "/api/admin/retention/{coupleId}/hold", 401, 200, 403, 403, 403, 403, 403, Json(new { hold = false })),
        Row("POST", "/api/admin/retention/{coupleId}/purge", 401, 409, 403, 403, 403, 403, 403, Json(new { confirm = "x" })),
        Row("GET", "/api/couples/{coupleId}/retention", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/couples/{coupleId}/retention", 401, 403, 200, 404, 403, 403, 403, Json(new { legalHold = false })),
        Row("GET", "/api/admin/backups", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/admin/export", 401, 200, 403, 403, 403, 403, 403),
        Row("GET", "/api/portal/my-data", 401, 403, 403, 403, 200, 200, 200),

        // Messaging (issue 31): the therapist reads the couple's threads; a partner the joint one and their own; an admin none.
        Row("GET", "/api/couples/{coupleId}/threads", 401, 403, 200, 404, 403, 403, 403),
        Row("GET", "/api/inbox", 401, 403, 200, 200, 403, 403, 403),
        // The stream itself is checked by LiveDeliveryTests; without Accept: text/event-stream it never opens (406), after the role check.
        Row("GET", "/api/messages/stream", 401, 403, 406, 406, 406, 406, 406),
        Row("GET", "/api/threads/{privateOfX1Id}/messages", 401, 403, 200, 404, 403, 403, 403),
        Row("POST", "/api/threads/{jointOfXId}/messages", 401, 403, 201, 404, 403, 403, 403, Json(new { body = "See you on Tuesday." })),
        Row("POST", "/api/threads/{jointOfXId}/read", 401, 403, 200, 404, 403, 403, 403, LatestOfJointX),
        Row("GET", "/api/portal/threads", 401, 403, 403, 403, 200, 200, 200),
        Row("GET", "/api/portal/threads/{privateOfX1Id}/messages", 401, 403, 403, 403, 200, 404, 404),
        Row("POST", "/api/portal/threads/{privateOfX2Id}/messages", 401, 403, 403, 403, 404, 201, 404, Json(new { body = "A hard week." })),
        Row("POST", "/api/portal/threads/{jointOfXId}/read", 401, 403, 403, 403, 200, 200, 404, LatestOfJointX),
        // The therapist's choice of message email (each message or a daily digest): their own account's.
        Row("GET", "/api/me/message-email", 401, 403, 200, 200, 403, 403, 403),
        Row("PUT", "/api/me/message-email", 401, 403, 200, 200, 403, 403, 403, Json(new { delivery = "each_message" })),
        // The composer's draft (kept on the server): the same who-reads-which-thread rule.
        Row("GET", "/api/threads/{privateOfX1Id}/draft", 401, 403, 200, 404, 403, 403, 403),
        Row("PUT", "/api/threads/{jointOfXId}/draft", 401, 403, 200, 404, 403, 403, 403, Json(new { body = "See you" })),
        Row("GET", "/api/portal/threads/{privateOfX1Id}/draft", 401, 403, 403, 403, 200, 404, 404),
        Row("PUT", "/api/portal/threads/{privateOfX2Id}/draft", 401, 403, 403, 403, 404, 200, 404, Json(new { body = "A hard" })),
    ];


    [Fact]
    public void EveryMappedRoute_HasARow_AndEveryRowAMappedRoute()
    {
        var mapped = EndpointInventory.Routes(factory).Select(r => r.Key).ToHashSet();
        var declared = Rows.Select(r => r.Key).ToList();

        mapped.Except(declared).Should().BeEmpty("every route needs a row in the authorization matrix");
        declared.Except(mapped).Should().BeEmpty("a row for a route that no longer exists is stale");
        declared.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EveryRow_AnswersTheDeclaredStatus_ForEveryCaller()
    {
        var failures = new List<string>();
        foreach (var row in Rows) failures.AddRange(await CheckAsync(factory.Practice, row));

        failures.Should().BeEmpty();
    }

    // Writers that succeed change state, so they go last; everyone else is refused before anything happens.
    private static readonly Caller[] Order = [Anon, PartnerY, PartnerX2, PartnerX1, OtherTherapist, Admin, Owner];

    private static async Task<List<string>> CheckAsync(Practice practice, MatrixRow row)
    {
        var failures = new List<string>();
        var ids = await ResolveAsync(practice, row.Template);
        var url = Regex.Replace(row.Template, @"\{([^{}]+)\}", m => ids[m.Groups[1].Value]);
        foreach (var caller in Order)
        {
            var client = row.FreshSessions ? await practice.FreshClientAsync(caller) : practice.Clients[caller];
            var body = row.Body is null ? null : await row.Body(practice, ids, caller);
            var method = row.Method == "ANY" ? HttpMethod.Get : new HttpMethod(row.Method);
            var response = await client.SendAsync(method, url, body);
            if ((int)response.StatusCode != row.Expected[caller])
            {
                var text = await response.Content.ReadAsStringAsync();
                failures.Add($"{row.Method} {row.Template} as {caller}: expected {row.Expected[caller]}, got {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }
        // A password change ends every session of its caller, the arranged ones included.
        if (row.FreshSessions) await practice.SignInAgainWhereEndedAsync();
        return failures;
    }

    /// <summary>Ids for a template's placeholders; the "fresh" and "spare" ones are new for each row.</summary>
    internal static async Task<Dictionary<string, string>> ResolveAsync(Practice p, string template)
    {
        var ids = new Dictionary<string, string>();
        foreach (Match m in Regex.Matches(template, @"\{([^{}]+)\}"))
        {
            var name = m.Groups[1].Value;
            if (ids.ContainsKey(name)) continue;
            switch (name)
            {
                case "coupleId": ids[name] = p.CoupleX.Id().ToString(); break;
                case "sessionId": ids[name] = p.SessionX.Id().ToString(); break;
                case "path": ids[name] = "some/deep/link"; break;
                case "freshSessionId": ids[name] = (await p.NewSessionOfXAsync()).Id().ToString(); break;
                case "signedSessionId": ids[name] = (await p.NewSessionOfXAsync(signed: true)).Id().ToString(); break;
                case "spareTherapistId": ids[name] = (await p.Factory.CreateTherapistAsync()).Id.ToString(); break;
                case "supervisionLinkId":
                    var (supervisee, supervisor) = await NewPairAsync(p);
                    ids[name] = (await p.Clients[Admin].PostJsonAsync("/api/admin/supervision",
                        new { superviseeId = supervisee, supervisorId = supervisor, startsOn = p.Factory.PracticeToday().Iso() })).Id().ToString();
                    break;
                case "ownerMeetingId":
                    ids[name] = (await p.Owner.PostJsonAsync("/api/supervision/meetings",
                        new { metOn = "2025-10-06", durationMinutes = 60, format = "individual", notes = "" })).Id().ToString();
                    break;
                case "ownerSpareSessionId":
                    var spare = await p.FreshClientAsync(Owner);
                    ids[name] = (await spare.MySessionsAsync()).Single(s => s!["current"]!.GetValue<bool>())!["id"]!.GetValue<string>();
                    break;
                case "uninvitedCoupleId" or "uninvitedPartnerId":
                    var couple = await p.Owner.CreateCoupleAsync("Una", "Uri");
                    ids["uninvitedCoupleId"] = couple.Id().ToString();
                    ids["uninvitedPartnerId"] = couple.PartnerId(0).ToString();
                    break;
                case "partnerX2Id": ids[name] = p.CoupleX.PartnerId(1).ToString(); break;
                case "closedCoupleId":
                    var closing = await p.Owner.CreateCoupleAsync("Cleo", "Cy");
                    await p.Owner.CloseCoupleAsync(closing);
                    ids[name] = closing.Id().ToString();
                    break;
                case "scheduleOfXId":
                    ids[name] = (await p.Owner.ScheduleAsync(p.CoupleX, 0, p.Factory.PracticeToday().AddDays(2), "CSI-4")).Id().ToString();
                    break;
                case "questionnaireForX1Id":
                    ids[name] = (await p.Owner.RequestQuestionnaireAsync(p.CoupleX, 0)).Id().ToString();
                    break;
                case "checkInForX1Id":
                    ids[name] = (await PendingCheckInAsync(p, p.CoupleX, 0, Caller.PartnerX1)).ToString();
                    break;
                case "openFlagOfYId":
                    await PendingCheckInAsync(p, p.CoupleY, 0, Caller.PartnerY);
                    ids[name] = (await p.Owner.RaiseFlagAsync(p.CoupleY, p.Clients[Caller.PartnerY]))["id"]!.GetValue<string>();
                    break;
                case "freshAssignmentId":
                    ids[name] = (await p.Owner.AssignAsync(p.CoupleX)).Id().ToString();
                    break;
                case "pendingDeliveryId":
                    var log = await p.Clients[Admin].GetJsonAsync("/api/admin/deliveries?status=pending");
                    ids[name] = log["items"]![0]!["id"]!.GetValue<string>();
                    break;
                case "freshAppointmentId":
                    ids[name] = (await p.Owner.BookAsync(p.CoupleX, p.Factory.Local(10, "08:00"), "partner_b")).Id().ToString();
                    break;
                case "jointAppointmentOfXId":
                    ids[name] = (await p.Owner.BookAsync(p.CoupleX, p.Factory.Local(11, "08:00"))).Id().ToString();
                    break;
                case "jointAssignmentOfXId":
                    ids[name] = (await JointAssignmentAsync(p)).ToString();
                    break;
                case "freshEntryOfX1Id":
                    var joint = await JointAssignmentAsync(p);
                    ids[name] = (await p.Clients[Caller.PartnerX1].PostJsonAsync($"/api/portal/homework/{joint}/entries",
                        HomeworkBuilders.TurnsEntry(p.Factory.Today(), "supporting"))).Id().ToString();
                    break;
                case "ownerDraftId":
                    ids[name] = (await p.Owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/me/session-drafts",
                        new { coupleId = p.CoupleX.Id(), note = "A note to discard." })).Id().ToString();
                    break;
                case "requestAwaitingOwnerId":
                    var agreed = await AskAsX1Async(p);
                    await p.Clients[Caller.PartnerX2].ConfirmAsync(agreed);
                    ids[name] = agreed.Id().ToString();
                    break;
                case "ownerWaitlistEntryId":
                    ids[name] = (await p.Owner.AddToWaitlistAsync()).Id().ToString();
                    break;
                case "requestAskedByX1Id":
                    ids[name] = (await AskAsX1Async(p)).Id().ToString();
                    break;
                case "freshJointAppointmentOfXId":
                    ids[name] = (await p.Owner.BookAsync(p.CoupleX, p.Factory.Local(14 + _freshJoint++, "08:00"))).Id().ToString();
                    break;
                case "consentDocumentId":
                    await p.Factory.PublishDocumentsAsync();
                    ids[name] = (await p.Clients[Admin].GetJsonAsync("/api/admin/documents"))["items"]!.AsArray()
                        .Single(d => d!["kind"]!.GetValue<string>() == "consent")!["id"]!.GetValue<string>();
                    break;
                case "formCode": ids[name] = "couples-intake"; break;
                case "consentOfXId": ids[name] = (await AgreementOfXAsync(p, "consent", null)).ToString(); break;
                case "policyOfXId": ids[name] = (await AgreementOfXAsync(p, "confidentiality_policy", "no_secrets")).ToString(); break;
                case "intakeOfX1Id":
                    if (!IntakesOfX1.TryGetValue(p.CoupleX.Id(), out var intake)) IntakesOfX1[p.CoupleX.Id()] = intake = await IntakeOfX1Async(p);
                    ids[name] = intake.ToString();
                    break;
                case "releaseOfXId":
                    if (!ReleasesOfX.TryGetValue(p.CoupleX.Id(), out var release))
                        ReleasesOfX[p.CoupleX.Id()] = release = (await p.Owner.PostJsonAsync($"/api/couples/{p.CoupleX.Id()}/releases", new
                        {
                            recipient = "Dr Okafor", purpose = "Second opinion", includes = new[] { "sessions", "cycle_map" },
                            from = "2026-01-01", to = "2026-12-31", expiresOn = p.Factory.Today().AddDays(90).Iso(),
                        })).Id();
                    ids[name] = release.ToString();
                    break;
                case "jointOfXId" or "privateOfX1Id" or "privateOfX2Id":
                {
                    var threads = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/threads"))["items"]!.AsArray();
                    var partnerId = name switch { "privateOfX1Id" => p.CoupleX.PartnerId(0).ToString(), "privateOfX2Id" => p.CoupleX.PartnerId(1).ToString(), _ => null };
                    ids[name] = threads.Single(t => t!["partnerId"]?.GetValue<string>() == partnerId)!["id"]!.GetValue<string>();
                    break;
                }
                default: throw new InvalidOperationException($"No arrangement for placeholder {{{name}}}: add it to ResolveAsync.");
            }
        }
        return ids;
    }

    private static int _freshJoint;

    /// <summary>
    /// A joint request asked by X1 of the owner, who approves by hand; X's earlier requests are declined first, so the couple
    /// never reaches its limit of waiting requests.
    /// </summary>
    private static async Task<System.Text.Json.Nodes.JsonNode> AskAsX1Async(Practice p)
    {
        var x1 = p.Clients[Caller.PartnerX1];
        var current = await p.Owner.GetJsonAsync("/api/me/availability");
        await p.Owner.SetHoursAsync(BookingBuilders.Hours(autoApprove: false, version: current["version"]?.GetValue<uint>()));
        foreach (var open in (await x1.GetJsonAsync("/api/portal/booking/requests")).AsArray()
                     .Where(r => r!["status"]!.GetValue<string>() is "awaiting_partner" or "awaiting_therapist"))
            await x1.PostAsync($"/api/portal/booking/requests/{open!.Id()}/decline");
        return await x1.AskForAsync(await FreeTimeOfXAsync(p));
    }

    /// <summary>The first free joint time of X's therapist, two days on or later.</summary>
    private static async Task<DateTimeOffset> FreeTimeOfXAsync(Practice p)
    {
        var today = p.Factory.Today();
        var slots = await p.Clients[Caller.PartnerX1].SlotsAsync(today.AddDays(2), today.AddDays(12));
        return slots["slots"]![0]!["startsAtUtc"]!.GetValue<DateTimeOffset>();
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Practice, object> JointAssignments = new();
    // Per arranged practice (keyed by its couple X), as the other shared arrangements are.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> IntakesOfX1 = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, Guid> ReleasesOfX = new();

    /// <summary>The standing agreement of a kind for couple X, sent once (the documents published first).</summary>
    private static async Task<Guid> AgreementOfXAsync(Practice p, string kind, string? policy)
    {
        await p.Factory.PublishDocumentsAsync();
        var standing = (await p.Owner.AgreementsAsync(p.CoupleX))["items"]!.AsArray()
            .FirstOrDefault(a => a!["kind"]!.GetValue<string>() == kind && a["current"]!.GetValue<bool>());
        return standing?.Id() ?? (await p.Owner.SendAgreementAsync(p.CoupleX, kind, policy)).Id();
    }

    /// <summary>Partner 1 of X's couples intake request (the intake row above may have sent it already).</summary>
    private static async Task<Guid> IntakeOfX1Async(Practice p)
    {
        var requests = (await p.Owner.GetJsonAsync($"/api/couples/{p.CoupleX.Id()}/form-requests"))["items"]!.AsArray();
        var waiting = requests.FirstOrDefault(r => r!["formCode"]!.GetValue<string>() == "couples-intake"
                                                   && r["partnerId"]!.GetValue<Guid>() == p.CoupleX.PartnerId(0) && r["status"]!.GetValue<string>() == "pending");
        return waiting?.Id() ?? (await p.Owner.PostJsonAsync($"/api/couples/{p.CoupleX.Id()}/form-requests",
            new { formCode = "couples-intake", partnerId = p.CoupleX.PartnerId(0) })).Id();
    }

    /// <summary>One taking-turns assignment for both partners of X, shared by the rows that need it (per arranged practice).</summary>
    private static async Task<Guid> JointAssignmentAsync(Practice p)
    {
        if (JointAssignments.TryGetValue(p, out var known)) return (Guid)known;
        var id = (await p.Owner.AssignAsync(p.CoupleX, "taking-turns", "both")).Id();
        JointAssignments.AddOrUpdate(p, id);
        return id;
    }

    private static async Task<Guid> PendingCheckInAsync(Practice p, System.Text.Json.Nodes.JsonNode couple, int partner, Caller client)
    {
        if ((await p.Clients[client].GetJsonAsync("/api/portal/check-ins"))["items"]!.AsArray()
            .All(c => c!["status"]?.GetValue<string>() is not (null or "pending")))
            await p.Owner.PostJsonAsync($"/api/couples/{couple.Id()}/safety-checks", new { partnerId = couple.PartnerId(partner) });
        return await p.Clients[client].MyPendingCheckInIdAsync();
    }

    /// <summary>
    /// DESIGN §1 as a property: for any caller and any therapist-only record of the practice, the
    /// record is visible exactly to the therapist whose caseload holds it; other therapists get 404,
    /// other roles 403, no token 401.
    /// </summary>
    [Fact]
    public void AnyCallerAnyRecord_VisibleExactlyToTheOwningTherapist()
    {
        var p = factory.Practice;
        (string Url, Caller OwnedBy)[] records =
        [
            ($"/api/couples/{p.CoupleX.Id()}", Owner), ($"/api/couples/{p.CoupleY.Id()}", Owner), ($"/api/couples/{p.CoupleZ.Id()}", OtherTherapist),
            ($"/api/couples/{p.CoupleX.Id()}/sessions", Owner), ($"/api/couples/{p.CoupleZ.Id()}/sessions", OtherTherapist),
            ($"/api/sessions/{p.SessionX.Id()}", Owner), ($"/api/sessions/{p.SessionZ.Id()}", OtherTherapist),
        ];
        var pairs = from caller in Gen.Elements(Enum.GetValues<Caller>())
                    from record in Gen.Elements(records)
                    select (caller, record);

        Prop.ForAll(Arb.From(pairs), pair =>
        {
            var (caller, (url, ownedBy)) = pair;
            var status = (int)p.Clients[caller].GetAsync(url).GetAwaiter().GetResult().StatusCode;
            var expected = caller == ownedBy ? 200
                : caller == Anon ? 401
                : caller is Owner or OtherTherapist ? 404
                : 403;
            return status == expected;
        }).QuickCheckThrowOnFailure();
    }
}

public delegate Task<object?> Body(Practice practice, IReadOnlyDictionary<string, string> ids, Caller caller);

public sealed record MatrixRow(string Method, string Template, IReadOnlyDictionary<Caller, int> Expected, Body? Body, bool FreshSessions)
{
    public string Key => $"{Method} {EndpointInventory.Shape(Template)}";
    public override string ToString() => Key;
}
