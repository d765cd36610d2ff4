using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Clinic.Api.Features.Safety;

namespace Clinic.Seed.Demo;

/// <summary>
/// Sessions with cycle records, assessments, questionnaire requests, check-ins and homework of one demo
/// couple, each made by the same domain factory the API's handlers use (scores included).
/// </summary>
public sealed partial class DemoClinicalWriter(ClinicDbContext db, InstrumentCatalogue instruments, SafetyCatalogue safety,
    ExerciseCatalogue exercises)
{
    public void AddSessions(DemoCoupleContext c, IReadOnlyList<DemoSession> sessions)
    {
        if (sessions.Count is > 0 and (< 3 or > 20) && c.Couple.Status != CoupleStatus.Intake)
            throw new InvalidDataException($"Couple {c.Key}: a demo couple has 3–20 sessions.");
        for (var i = 0; i < sessions.Count; i++)
        {
            var s = sessions[i];
            var date = c.DaysAgo(s.DaysAgo);
            var start = TimeOnly.Parse(s.StartTime, System.Globalization.CultureInfo.InvariantCulture);
            var tango = (s.TangoMoves ?? []).Select(m => TangoMoves.IsMove(m.Move)
                ? new TangoMoveUse(m.Move, m.Note) : throw new InvalidDataException($"Couple {c.Key}: unknown Tango move '{m.Move}'.")).ToList();
            var details = new SessionDetails(date, start, s.Minutes, Wire<SessionFormat>(c, s.Format), Wire<Attendance>(c, s.Attendance),
                s.Stage, s.Step, s.Note, tango);
            var cycle = s.Cycle is { } y
                ? CycleRecord.Create(
                    [Rating(c, c.Couple.PartnerA.Id, y.A), Rating(c, c.Couple.PartnerB.Id, y.B)],
                    y.Episodes, y.Peak, y.RepairMinutes, y.Triggers, y.Markers.Select(m => CycleMarkers.All.Contains(m)
                        ? m : throw new InvalidDataException($"Couple {c.Key}: unknown marker '{m}'.")))
                : null;
            var at = SeedIds.At(date, start);
            var session = SeedIds.Stamp(Session.Record(c.Couple.Id, details, cycle, c.Therapist.Id, at.AddMinutes(s.Minutes)),
                c.Id($"session/{i + 1}"));
            if (s.Signed)
            {
                // A trainee's session signed under the link awaits the supervisor, who has co-signed the older ones.
                var supervised = c.Supervision is { } link && date >= link.From;
                session.Sign(c.Therapist.Id, c.Therapist.DisplayName, at.AddMinutes(s.Minutes + 30), requiresCosignature: supervised);
                if (supervised && date < c.Supervision!.CosignedBefore)
                    session.Cosign(c.Supervision.Supervisor.Id, c.Supervision.Supervisor.DisplayName, at.AddDays(2));
            }
            db.Sessions.Add(session);
        }
    }

    public void AddAssessments(DemoCoupleContext c, IReadOnlyList<DemoAssessment> assessments,
        IReadOnlyList<DemoQuestionnaireRequest> pending)
    {
        for (var i = 0; i < assessments.Count; i++)
        {
            var a = assessments[i];
            var instrument = Instrument(c, a.Instrument);
            var partner = c.Partner(a.Partner);
            var on = c.DaysAgo(a.DaysAgo);
            var responses = a.Responses.ToDictionary(r => r.Key, r => (int?)r.Value);
            var at = SeedIds.At(on, new TimeOnly(19, 30));
            var source = Wire<AssessmentSource>(c, a.Source);
            Assessment assessment;
            if (source == AssessmentSource.Therapist)
            {
                assessment = SeedIds.Stamp(Assessment.Record(instrument, c.Couple.Id, partner.Id, on, source, responses,
                    c.Therapist.Id, at), c.Id($"assessment/{i + 1}"));
            }
            else
            {
                // A portal assessment is the answer to a request the therapist sent a few days before.
                var account = c.Accounts.GetValueOrDefault(a.Partner)
                    ?? throw new InvalidDataException($"Couple {c.Key}: a portal assessment needs partner {a.Partner} to sign in.");
                var request = SeedIds.Stamp(QuestionnaireRequest.Ask(c.Couple.Id, partner.Id, instrument.Code, true, c.Therapist.Id,
                    at.AddDays(-3)), c.Id($"assessment/{i + 1}/request"));
                assessment = SeedIds.Stamp(Assessment.Record(instrument, c.Couple.Id, partner.Id, on, source, responses,
                    account.Id, at, request.Id), c.Id($"assessment/{i + 1}"));
                request.Complete(assessment.Id, at);
                db.QuestionnaireRequests.Add(request);
            }
            db.Assessments.Add(assessment);
            // The same rule as the API's (a risk item above its line raises a therapist-only flag), so the demo's flag is real.
            var raised = assessment.RisksRaised(instrument);
            if (raised.Count > 0)
                db.SafetyFlags.Add(SeedIds.Stamp(SafetyFlag.RaiseFromQuestionnaire(c.Couple.Id, partner.Id, assessment.Id,
                    raised.ToDictionary(r => r.Risk.Item, r => r.Answer), at), c.Id($"assessment/{i + 1}/flag")));
        }
        for (var i = 0; i < pending.Count; i++)
        {
            var p = pending[i];
            db.QuestionnaireRequests.Add(SeedIds.Stamp(QuestionnaireRequest.Ask(c.Couple.Id, c.Partner(p.Partner).Id,
                Instrument(c, p.Instrument).Code, false, c.Therapist.Id, SeedIds.At(c.DaysAgo(p.DaysAgo), new TimeOnly(18, 0))),
                c.Id($"request/{i + 1}")));
        }
    }

    private InstrumentDefinition Instrument(DemoCoupleContext c, string code) =>
        instruments.Latest(code) ?? throw new InvalidDataException($"Couple {c.Key}: unknown instrument '{code}'.");

    /// <summary>Answers go through the catalogue's evaluation, so a flag exists exactly when the API would raise one.</summary>
    public void AddCheckIns(DemoCoupleContext c, IReadOnlyList<DemoCheckIn> checkIns)
    {
        for (var i = 0; i < checkIns.Count; i++)
        {
            var k = checkIns[i];
            var answeredAt = SeedIds.At(c.DaysAgo(k.DaysAgo), new TimeOnly(21, 0));
            if (k.Answers is null) // asked and not answered yet
            {
                db.SafetyChecks.Add(SeedIds.Stamp(SafetyCheckRequest.Request(c.Couple.Id, c.Partner(k.Partner).Id, c.Therapist.Id,
                    Wire<SafetyCheckReason>(c, k.Reason), SeedIds.At(c.DaysAgo(k.DaysAgo), new TimeOnly(10, 0))), c.Id($"check-in/{i + 1}")));
                continue;
            }
            var check = SeedIds.Stamp(SafetyCheckRequest.Request(c.Couple.Id, c.Partner(k.Partner).Id, c.Therapist.Id,
                Wire<SafetyCheckReason>(c, k.Reason), answeredAt.AddDays(-1)), c.Id($"check-in/{i + 1}"));
            var outcome = SafetyCheck.Evaluate(safety.Definition, k.Answers);
            var result = outcome.Result ?? throw new InvalidDataException(
                $"Couple {c.Key}: check-in {i + 1} is not valid: {string.Join(", ", outcome.Errors.Keys)}.");
            check.Answer(SafetyMapping.SerialiseAnswers(result.Answers), answeredAt);
            db.SafetyChecks.Add(check);
            if (result.RaisesFlag)
                db.SafetyFlags.Add(SeedIds.Stamp(SafetyFlag.Raise(check, result.Reasons.Select(r => r.Item), answeredAt),
                    c.Id($"check-in/{i + 1}/flag")));
        }
    }

    private static CycleRating Rating(DemoCoupleContext c, Guid partnerId, DemoRating r) =>
        CycleRating.Create(partnerId, Wire<CyclePosition>(c, r.Position), r.Intensity);

    private static T Wire<T>(DemoCoupleContext c, string value) where T : struct, Enum =>
        SnakeCaseEnumConverter<T>.TryFromWire(value, out var result)
            ? result
            : throw new InvalidDataException($"Couple {c.Key}: '{value}' is not a valid {typeof(T).Name}.");
}
