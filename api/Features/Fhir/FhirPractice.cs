using System.Globalization;
using System.Text;
using System.Text.Json;
using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Sessions;
using Clinic.Api.Domain.TreatmentPlans;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Hl7.Fhir.Model;
using FhirQuestionnaireResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Clinic.Api.Features.Fhir;

/// <summary>Everything a couple's FHIR Bundle in the practice export is built from.</summary>
public sealed record CoupleRecord(Couple Couple, string TherapistFirstName, string TherapistLastName, IReadOnlyList<Session> Sessions,
    IReadOnlyList<Assessment> Assessments, IReadOnlyList<HomeworkAssignment> Homework, IReadOnlyList<HomeworkEntry> Entries,
    IReadOnlyList<(Agreement Agreement, DocumentVersion Version)> Agreements, ClosingSummary? Closing = null);

/// <summary>
/// One couple as a FHIR R4 Bundle (type collection) for the practice export (<c>GET /api/admin/export</c>, NDJSON, one
/// Bundle a line — the bulk-data shape): the couple as a Group of two Patients with their Practitioner; each session as
/// an Encounter with an Observation holding the EFT stage and step, the note and its amendments, and one Observation
/// per partner for the cycle (position and intensity) plus one for the escalation; the measures exactly as
/// <see cref="FhirMeasures"/> exports them; each homework assignment as a CarePlan and each entry as a
/// QuestionnaireResponse based on it; each partner's signature of an agreement as a Consent; a closed case's signed closing
/// summary as a Composition (LOINC 18842-5, discharge summary; see docs/decisions.md). Codes the standard lacks use
/// the practice's own systems (urn:clinic:…).
/// </summary>
public static class FhirPractice
{
    public const string CoupleSystem = "urn:clinic:couple";
    public const string TherapistSystem = "urn:clinic:therapist";
    public const string RecordSystem = "urn:clinic:record";
    public const string ExerciseSystem = "urn:clinic:exercise";
    public const string PronounsExtension = "urn:clinic:extension:pronouns";
    public const string SignatureExtension = "urn:clinic:extension:signature";
    public const string TextSha256Extension = "urn:clinic:extension:text-sha256";

    public static Bundle Bundle(CoupleRecord record, InstrumentCatalogue instruments, ExerciseCatalogue exercises, DateTimeOffset now)
    {
        var couple = record.Couple;
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Collection, Timestamp = now, Id = couple.Id.ToString() };
        var group = Ref(couple.Id);
        var practitioner = Ref(couple.TherapistId);
        var patients = couple.Partners.ToDictionary(p => p.Id, p => Ref(p.Id));

        Add(bundle, couple.Id, new Group
        {
            Id = couple.Id.ToString(),
            Identifier = [new Identifier(CoupleSystem, couple.Id.ToString())],
            Type = Group.GroupType.Person, Actual = true, Name = couple.DisplayName, Active = !couple.IsClosed,
            Code = Local(RecordSystem, "couple-status:" + Wire(couple.Status), $"Couple {Wire(couple.Status)}"),
            ManagingEntity = new ResourceReference(practitioner),
            Member = couple.Partners.OrderBy(p => p.Label).Select(p => new Group.MemberComponent
            {
                Entity = new ResourceReference(patients[p.Id]),
                Period = new Period { Start = couple.StartedOn.ToString("yyyy-MM-dd"), End = couple.ClosedOn?.ToString("yyyy-MM-dd") },
            }).ToList(),
        });
        foreach (var partner in couple.Partners.OrderBy(p => p.Label))
        {
            var patient = new Patient
            {
                Id = partner.Id.ToString(),
                Identifier = [new Identifier(FhirMeasures.PartnerSystem, partner.Id.ToString())],
                Name = [new HumanName { Given = [partner.FirstName], Family = partner.LastName, Use = HumanName.NameUse.Official }],
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Email, ContactPoint.ContactPointUse.Home, partner.Email)],
                GeneralPractitioner = [new ResourceReference(practitioner)],
            };
            if (partner.Pronouns is { } pronouns) patient.Extension.Add(new Extension(PronounsExtension, new FhirString(pronouns)));
            Add(bundle, partner.Id, patient);
        }
        Add(bundle, couple.TherapistId, new Practitioner
        {
            Id = couple.TherapistId.ToString(),
            Identifier = [new Identifier(TherapistSystem, couple.TherapistId.ToString())],
            Name = [new HumanName { Given = [record.TherapistFirstName], Family = record.TherapistLastName }],
        });

        foreach (var session in record.Sessions.OrderBy(s => s.Date).ThenBy(s => s.StartTime))
            AddSession(bundle, session, couple, group, practitioner, patients);

        // The measures as the per-couple export already shapes them (Questionnaire, QuestionnaireResponse, Observation).
        foreach (var entry in FhirMeasures.Bundle(couple, record.Assessments, instruments, now).Entry) bundle.Entry.Add(entry);

        foreach (var assignment in record.Homework.OrderBy(a => a.StartsOn).ThenBy(a => a.CreatedAt))
        {
            var exercise = exercises.Get(assignment.ExerciseCode, assignment.ExerciseVersion);
            var carePlan = Ref(assignment.Id);
            Add(bundle, assignment.Id, new CarePlan
            {
                Id = assignment.Id.ToString(),
                Status = assignment.Status switch
                {
                    AssignmentStatus.Active => RequestStatus.Active,
                    AssignmentStatus.Completed => RequestStatus.Completed,
                    _ => RequestStatus.Revoked,
                },
                Intent = CarePlan.CarePlanIntent.Plan,
                Title = exercise.Title,
                Description = assignment.Note.Length > 0 ? assignment.Note : null,
                Subject = new ResourceReference(assignment.AssignedTo switch
                {
                    Assignee.PartnerA => patients[couple.PartnerA.Id],
                    Assignee.PartnerB => patients[couple.PartnerB.Id],
                    _ => group,
                }),
                Period = new Period { Start = assignment.StartsOn.ToString("yyyy-MM-dd"), End = assignment.DueOn.ToString("yyyy-MM-dd") },
                Created = assignment.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
                Author = new ResourceReference(practitioner),
                Activity = [new CarePlan.ActivityComponent
                {
                    Detail = new CarePlan.DetailComponent
                    {
                        Kind = CarePlan.CarePlanActivityKind.Task,
                        Code = Local(ExerciseSystem, exercise.Code, exercise.Title),
                        Status = assignment.Status == AssignmentStatus.Active ? CarePlan.CarePlanActivityStatus.InProgress
                            : assignment.Status == AssignmentStatus.Completed ? CarePlan.CarePlanActivityStatus.Completed
                            : CarePlan.CarePlanActivityStatus.Cancelled,
                        Description = $"{assignment.TargetPerWeek} times a week",
                    },
                }],
            });
            foreach (var entry in record.Entries.Where(e => e.AssignmentId == assignment.Id).OrderBy(e => e.OccurredOn).ThenBy(e => e.CreatedAt))
                Add(bundle, entry.Id, Entry(entry, exercise, carePlan, patients[entry.AuthorPartnerId]));
        }

        // Each signature of an agreement (consent, confidentiality policy, telehealth consent) as a FHIR Consent: who signed
        // which text and when, electronically or on paper. A superseded agreement's signatures are inactive.
        foreach (var (agreement, version) in record.Agreements.OrderBy(a => a.Agreement.SentAt))
            foreach (var signature in agreement.Signatures.Where(s => patients.ContainsKey(s.PartnerId)).OrderBy(s => s.SignedAt))
                Add(bundle, signature.Id, ConsentOf(agreement, version, signature, patients[signature.PartnerId]));

        if (record.Closing is { } closing) Add(bundle, ClosingSummaryId(couple.Id), ClosingComposition(closing, couple, group, practitioner));
        return bundle;
    }

    /// <summary>The closing summary's resource id: one per couple, derived from the couple's so a re-export names it alike.</summary>
    public static Guid ClosingSummaryId(Guid coupleId) =>
        new(System.Security.Cryptography.MD5.HashData(Encoding.UTF8.GetBytes($"closing-summary:{coupleId}")));

    /// <summary>
    /// The signed closing summary as a final Composition about the couple: LOINC 18842-5 (discharge summary), the period of
    /// treatment, the therapist as author and as the legal attester at the moment of signing, and two sections — the reason
    /// for closing (coded in the practice's system) and the summary as written.
    /// </summary>
    private static Composition ClosingComposition(ClosingSummary closing, Couple couple, string group, string practitioner)
    {
        var signedAt = closing.SignedAt.ToString("o", CultureInfo.InvariantCulture);
        var reason = Wire(closing.Reason);
        return new Composition
        {
            Id = ClosingSummaryId(couple.Id).ToString(),
            Status = CompositionStatus.Final,
            Type = Local("http://loinc.org", "18842-5", "Discharge summary"),
            Subject = new ResourceReference(group),
            Date = signedAt,
            Author = [new ResourceReference(practitioner)],
            Title = "Closing summary",
            Attester = [new Composition.AttesterComponent
            {
                Mode = Composition.CompositionAttestationMode.Legal, Time = signedAt, Party = new ResourceReference(practitioner),
            }],
            Event = [new Composition.EventComponent
            {
                Period = new Period { Start = couple.StartedOn.ToString("yyyy-MM-dd"), End = closing.ClosedOn.ToString("yyyy-MM-dd") },
            }],
            Section =
            [
                new Composition.SectionComponent
                {
                    Title = "Reason for closing", Code = Local(RecordSystem, "closing-reason:" + reason, reason.Replace('_', ' ')),
                    Text = Xhtml(reason.Replace('_', ' ') + (closing.SafetyConfirmed ? " (closed with an open safety item, confirmed)" : "")),
                },
                new Composition.SectionComponent { Title = "Summary", Text = Xhtml(closing.Summary) },
            ],
        };
    }

    private static Narrative Xhtml(string text) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{System.Net.WebUtility.HtmlEncode(text).Replace("\n", "<br/>")}</p></div>",
    };

    /// <summary>
    /// One partner's signature of an agreement: scope treatment, LOINC 59284-0 (consent document), the text signed as its
    /// attachment (Markdown), its SHA-256 and how it was signed (electronically with a typed name, or on paper) in extensions.
    /// </summary>
    private static Consent ConsentOf(Agreement agreement, DocumentVersion version, AgreementSignature signature, string patient)
    {
        var consent = new Consent
        {
            Id = signature.Id.ToString(),
            Status = agreement.IsSuperseded ? Consent.ConsentState.Inactive : Consent.ConsentState.Active,
            Scope = Local("http://terminology.hl7.org/CodeSystem/consentscope", "treatment", "Treatment"),
            Category = [Local("http://loinc.org", "59284-0", "Consent Document"), Local(RecordSystem, "agreement:" + Wire(agreement.Kind), version.Title)],
            Patient = new ResourceReference(patient),
            DateTime = signature.SignedAt.ToString("o", CultureInfo.InvariantCulture),
            Performer = [new ResourceReference(patient)],
            PolicyRule = Local("http://terminology.hl7.org/CodeSystem/v3-ActCode", "OPTIN", "opt-in"),
            Source = new Attachment
            {
                ContentType = "text/markdown", Title = $"{version.Title} (version {version.Number})", Data = Encoding.UTF8.GetBytes(version.Body),
            },
        };
        consent.Extension.Add(new Extension(SignatureExtension, new FhirString(signature.Method == SignatureMethod.Paper
            ? $"paper, signed on {signature.PaperSignedOn:yyyy-MM-dd}" : $"electronic, typed name {signature.TypedName}")));
        consent.Extension.Add(new Extension(TextSha256Extension, new FhirString(version.BodySha256)));
        return consent;
    }

    private static void AddSession(Bundle bundle, Session session, Couple couple, string group, string practitioner,
        IReadOnlyDictionary<Guid, string> patients)
    {
        var start = new DateTimeOffset(session.Date.ToDateTime(session.StartTime), TimeSpan.Zero);
        var encounter = Ref(session.Id);
        var held = session.Attendance is not (Attendance.Cancelled or Attendance.NoShow);
        Add(bundle, session.Id, new Encounter
        {
            Id = session.Id.ToString(),
            Status = held ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", session.Format == SessionFormat.Video ? "VR" : "AMB",
                session.Format == SessionFormat.Video ? "virtual" : "ambulatory"),
            Type = [Local(RecordSystem, "couples-session", "Couples therapy session")],
            Subject = new ResourceReference(group),
            Participant = [new Encounter.ParticipantComponent { Individual = new ResourceReference(practitioner) }],
            Period = new Period
            {
                Start = start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
                End = start.AddMinutes(session.DurationMinutes).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            },
            Length = new Duration { Value = session.DurationMinutes, Unit = "min", System = "http://unitsofmeasure.org", Code = "min" },
        });
        var when = new FhirDateTime(session.Date.ToString("yyyy-MM-dd"));
        var record = new Observation
        {
            Status = session.IsSigned ? (session.Amendments.Count > 0 ? ObservationStatus.Amended : ObservationStatus.Final) : ObservationStatus.Preliminary,
            Code = Local(RecordSystem, "session-record", "Session record"),
            Subject = new ResourceReference(group), Encounter = new ResourceReference(encounter), Effective = when,
            Performer = [new ResourceReference(practitioner)],
            Component =
            [
                Component("attendance", "Attendance", new FhirString(Wire(session.Attendance))),
                Component("eft-stage", "EFT stage", new Integer(session.EftStage)),
                Component("eft-step", "EFT step", new Integer(session.EftStep)),
            ],
        };
        if (session.Note.Length > 0) record.Note.Add(new Annotation { Text = session.Note, Time = session.CreatedAt.ToString("o", CultureInfo.InvariantCulture) });
        foreach (var amendment in session.Amendments.OrderBy(a => a.CreatedAt))
            record.Note.Add(new Annotation
            {
                Author = new FhirString(amendment.AuthorName), Time = amendment.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
                Text = "Amendment: " + amendment.Text,
            });
        Add(bundle, Guid.NewGuid(), record);

        if (session.Cycle is not { } cycle) return;
        foreach (var rating in cycle.Partners)
            Add(bundle, Guid.NewGuid(), new Observation
            {
                Status = ObservationStatus.Final,
                Code = Local(RecordSystem, "cycle-rating", "Pursue–withdraw cycle: position and intensity"),
                Subject = new ResourceReference(patients[rating.PartnerId]), Encounter = new ResourceReference(encounter), Effective = when,
                Value = Local(RecordSystem, "cycle-position:" + Wire(rating.Position), Wire(rating.Position)),
                Component = [Component("cycle-intensity", "Intensity (0–10)", new Integer(rating.Intensity))],
            });
        var escalation = new Observation
        {
            Status = ObservationStatus.Final,
            Code = Local(RecordSystem, "cycle-escalation", "Escalation since the last session"),
            Subject = new ResourceReference(group), Encounter = new ResourceReference(encounter), Effective = when,
            Component =
            [
                Component("episodes-since-last-session", "Escalation episodes", new Integer(cycle.EpisodesSinceLastSession)),
                Component("peak-intensity", "Peak intensity (0–10)", new Integer(cycle.PeakIntensity)),
                Component("repair-minutes", "Typical time to repair (minutes)", new Integer(cycle.RepairMinutes)),
            ],
        };
        foreach (var trigger in cycle.Triggers) escalation.Component.Add(Component("trigger", "Trigger", new FhirString(trigger)));
        foreach (var marker in cycle.Markers) escalation.Component.Add(Component("marker", "Change event", new FhirString(marker)));
        Add(bundle, Guid.NewGuid(), escalation);
    }

    private static FhirQuestionnaireResponse Entry(HomeworkEntry entry, Domain.Homework.ExerciseDefinition exercise, string carePlan, string author)
    {
        var response = new FhirQuestionnaireResponse
        {
            Id = entry.Id.ToString(),
            Questionnaire = $"{ExerciseSystem}:questionnaire:{exercise.Code}|{exercise.Version}",
            Status = entry.IsWithdrawn ? FhirQuestionnaireResponse.QuestionnaireResponseStatus.EnteredInError
                : FhirQuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            BasedOn = [new ResourceReference(carePlan)],
            Subject = new ResourceReference(author), Author = new ResourceReference(author), Source = new ResourceReference(author),
            Authored = entry.CreatedAt.ToString("o", CultureInfo.InvariantCulture),
        };
        response.Item.Add(Item("occurredOn", new Date(entry.OccurredOn.ToString("yyyy-MM-dd"))));
        if (entry.Role is { } role) response.Item.Add(Item("role", new FhirString(Wire(role))));
        response.Item.Add(Item("visibility", new FhirString(Wire(entry.Visibility))));
        foreach (var (name, value) in EntryFields.ToElements(entry.Fields))
            if (Value(value) is { } answer) response.Item.Add(Item(name, answer));
        return response;
    }

    private static DataType? Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => new FhirBoolean(true),
        JsonValueKind.False => new FhirBoolean(false),
        JsonValueKind.Number when value.TryGetInt32(out var i) => new Integer(i),
        JsonValueKind.Number => new FhirDecimal(value.GetDecimal()),
        JsonValueKind.String when value.GetString() is { Length: > 0 } s => new FhirString(s),
        JsonValueKind.Array => new FhirString(string.Join(", ", value.EnumerateArray().Select(v => v.ToString()))),
        _ => null,
    };

    private static FhirQuestionnaireResponse.ItemComponent Item(string linkId, DataType value) => new()
    {
        LinkId = linkId, Answer = [new FhirQuestionnaireResponse.AnswerComponent { Value = value }],
    };

    private static Observation.ComponentComponent Component(string code, string display, DataType value) => new()
    {
        Code = Local(RecordSystem, code, display), Value = value,
    };

    private static CodeableConcept Local(string system, string code, string display) =>
        new() { Coding = [new Coding(system, code, display)], Text = display };

    private static string Ref(Guid id) => $"urn:uuid:{id}";

    private static void Add(Bundle bundle, Guid id, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = Ref(id), Resource = resource });

    private static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
