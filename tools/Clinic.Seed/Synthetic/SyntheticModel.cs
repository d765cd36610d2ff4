using System.Text;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Sessions;

namespace Clinic.Seed.Synthetic;

/// <summary>
/// The generated practice in memory, before it is copied: each couple follows one of a few
/// clinical courses (de-escalating, stalled with rising intensity, finished and closed), drawn
/// from a random generator seeded per couple so the output depends on the seed number alone.
/// </summary>
internal sealed class SyntheticModel
{
    private static readonly string[] FirstNames =
    [
        "Alex", "Sam", "Jordan", "Casey", "Robin", "Kim", "Noor", "Ari", "Lee", "Mina", "Tomas", "Ines", "Kofi", "Ada", "Yusuf",
        "Lena", "Mateo", "Zoe", "Ravi", "Hana", "Oskar", "Iris", "Dario", "Maya", "Emeka", "Sofia", "Jonas", "Leila", "Pavel", "Nia",
    ];
    private static readonly string[] LastNames =
    [
        "Reed", "Patel", "Nguyen", "Okafor", "Silva", "Fischer", "Haddad", "Brooks", "Tanaka", "Kowalski", "Garcia", "Moss", "Novak",
        "Bell", "Ahmed", "Larsen", "Costa", "Ivanova", "Mensah", "Rossi",
    ];
    private static readonly string[][] TriggerSets =
        [["chores"], ["money"], ["phone"], ["in-laws"], ["work late"], ["parenting", "bedtime"], ["sex"], ["holiday plans"]];

    public required SyntheticOptions Options { get; init; }
    public required InstrumentDefinition Instrument { get; init; }
    public List<SyntheticTherapist> Therapists { get; } = [];
    public List<SyntheticCouple> Couples { get; } = [];


    public static SyntheticModel Generate(SyntheticOptions o, DateOnly today, InstrumentDefinition instrument)
    {
        var model = new SyntheticModel { Options = o, Instrument = instrument };
        for (var t = 0; t < o.Therapists; t++)
        {
            var therapist = new SyntheticTherapist(SyntheticPractice.Id(o.Seed, "therapist", t),
                FirstNames[t % FirstNames.Length], $"{LastNames[t % LastNames.Length]}-{t + 1}", SyntheticPractice.TherapistEmail(o.Seed, t),
                SeedIds.At(today.AddDays(-720)));
            model.Therapists.Add(therapist);
            for (var c = 0; c < o.CouplesPerTherapist; c++)
                model.Couples.Add(GenerateCouple(o, t, c, therapist, today, instrument));
        }
        return model;
    }

    private static SyntheticCouple GenerateCouple(SyntheticOptions o, int t, int c, SyntheticTherapist therapist, DateOnly today,
        InstrumentDefinition instrument)
    {
        var rng = new Random(unchecked(o.Seed * 1_000_003 + t * 10_007 + c));
        var course = rng.Next(10) switch { < 6 => Course.DeEscalating, < 8 => Course.Stalled, _ => Course.Closed };
        var last = LastNames[rng.Next(LastNames.Length)];
        SyntheticPartner Partner(int i, string label) => new(SyntheticPractice.Id(o.Seed, "partner", t, c, i),
            FirstNames[rng.Next(FirstNames.Length)], last, i == 0 ? "she/her" : "he/him",
            $"p{t + 1}-{c + 1}-{label}.s{o.Seed}@synthetic.clinic.test");
        var a = Partner(0, "a");
        var b = Partner(1, "b");
        var pursuerFirst = rng.Next(2) == 0;

        var gap = 7 + rng.Next(3) * 3;
        var lastSessionAgo = course == Course.Closed ? 30 + rng.Next(120) : rng.Next(10) < 8 ? rng.Next(14) : 22 + rng.Next(20);
        var firstDate = today.AddDays(-lastSessionAgo - gap * (o.SessionsPerCouple - 1));
        var couple = new SyntheticCouple(SyntheticPractice.Id(o.Seed, "couple", t, c), t, c, therapist.Id, therapist.DisplayName, a, b)
        {
            Status = course == Course.Closed ? "closed" : rng.Next(20) == 0 ? "paused" : "active",
            StartedOn = firstDate.AddDays(-7),
            ClosedOn = course == Course.Closed ? today.AddDays(-lastSessionAgo + 7) : null,
            Concerns = "Recurring arguments that end with one partner pursuing and the other shutting down.",
            PositionA = pursuerFirst ? "pursue" : "withdraw",
            PositionB = pursuerFirst ? "withdraw" : "pursue",
            PendingRequestOn = rng.Next(10) == 0 ? today.AddDays(-rng.Next(15)) : null,
        };

        double ia = 6 + rng.Next(4), ib = 5 + rng.Next(4);
        var fall = course == Course.Stalled ? 0.05 : 0.15 + rng.NextDouble() * 0.2;
        var reach = course == Course.Closed ? 9 : course == Course.Stalled ? 2 : 3 + rng.Next(5);
        var n = o.SessionsPerCouple;
        for (var i = 0; i < n; i++)
        {
            var rising = course == Course.Stalled && i >= n - 3 && n >= 3;
            ia = Math.Clamp(ia + (rising ? 1 : -fall) + (rising ? 0 : rng.NextDouble() * 0.6 - 0.3), 0, 10);
            ib = Math.Clamp(ib + (rising ? 1 : -fall) + (rising ? 0 : rng.NextDouble() * 0.6 - 0.3), 0, 10);
            var progress = n == 1 ? 1 : (double)i / (n - 1);
            var step = Math.Max(1, (int)Math.Round(1 + progress * (reach - 1)));
            var stage = step <= 4 ? 1 : step <= 7 ? 2 : 3;
            var markers = new List<string>();
            if (step >= 3 && rng.Next(3) == 0) markers.Add("cycleNamedByCouple");
            if (rng.Next(4) == 0) markers.Add("repairAttempt");
            if (step >= 5 && rng.Next(3) == 0) markers.Add("withdrawerReengagement");
            if (step >= 6 && rng.Next(4) == 0) markers.Add("blamerSoftening");
            if (rising && i == n - 2) markers.Add("attachmentInjuryRaised");
            var (ra, rb) = ((int)Math.Round(ia), (int)Math.Round(ib));
            couple.Sessions.Add(new SyntheticSession(SyntheticPractice.Id(o.Seed, "session", t, c, i), firstDate.AddDays(gap * i),
                new TimeOnly(9 + rng.Next(10), rng.Next(2) * 30), rng.Next(4) == 0, stage, step,
                $"Session {i + 1}: tracked the cycle; EFT step {step}.", i < n - 1 || course == Course.Closed,
                ra, rb, Math.Max(0, (ra + rb) / 4 - rng.Next(2)), Math.Min(10, Math.Max(ra, rb) + rng.Next(2)),
                Math.Max(5, (ra + rb) * 10 + rng.Next(30)), TriggerSets[rng.Next(TriggerSets.Length)], markers.ToArray()));
        }

        foreach (var (partner, index) in new[] { (a, 0), (b, 1) })
        {
            var pursuer = (index == 0) == pursuerFirst;
            double avoid = pursuer ? 2 + rng.NextDouble() * 1.5 : 4 + rng.NextDouble() * 2;
            double anx = pursuer ? 4.5 + rng.NextDouble() * 2 : 2 + rng.NextDouble() * 1.5;
            for (var k = 0; k < 2; k++)
            {
                var on = k == 0 ? couple.StartedOn.AddDays(3) : couple.Sessions[^1].Date;
                couple.Assessments.Add(Assess(instrument, SyntheticPractice.Id(o.Seed, "assessment", t, c, index * 2 + k), partner.Id,
                    on, avoid, anx, rng));
                var improve = course == Course.Stalled ? 0 : 0.4 + rng.NextDouble();
                avoid = Math.Max(1, avoid - (pursuer ? improve / 3 : improve));
                anx = Math.Max(1, anx - (pursuer ? improve : improve / 3));
            }
        }
        return couple;
    }

    /// <summary>Item answers scattered around the partner's latent scores, scored by the instrument's own functions.</summary>
    private static SyntheticAssessment Assess(InstrumentDefinition instrument, Guid id, Guid partnerId, DateOnly on, double avoid,
        double anx, Random rng)
    {
        var responses = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var item in instrument.Items)
        {
            var latent = item.Subscale == "avoidance" ? avoid : anx;
            var value = (int)Math.Clamp(Math.Round(latent + rng.NextDouble() * 1.6 - 0.8), instrument.Scale.Min, instrument.Scale.Max);
            responses[item.Id] = item.Reverse ? instrument.Scale.Reverse(value) : value;
        }
        var score = InstrumentScoring.Score(instrument, responses);
        var json = new StringBuilder("{");
        foreach (var (key, value) in responses) json.Append('"').Append(key).Append("\":").Append(value).Append(',');
        json[^1] = '}';
        return new SyntheticAssessment(id, partnerId, on, json.ToString(), score["avoidance"], score["anxiety"],
            Quadrant.Classify(instrument, score));
    }

    private enum Course { DeEscalating, Stalled, Closed }
}

internal sealed record SyntheticTherapist(Guid Id, string FirstName, string LastName, string Email, DateTimeOffset CreatedAt)
{
    public string DisplayName => $"{FirstName} {LastName}";
}

internal sealed record SyntheticPartner(Guid Id, string FirstName, string LastName, string Pronouns, string Email);

internal sealed record SyntheticCouple(Guid Id, int T, int C, Guid TherapistId, string TherapistName, SyntheticPartner A, SyntheticPartner B)
{
    public required string Status { get; init; }
    public required DateOnly StartedOn { get; init; }
    public DateOnly? ClosedOn { get; init; }
    public required string Concerns { get; init; }
    public required string PositionA { get; init; }
    public required string PositionB { get; init; }
    public DateOnly? PendingRequestOn { get; init; }
    public List<SyntheticSession> Sessions { get; } = [];
    public List<SyntheticAssessment> Assessments { get; } = [];
}

internal sealed record SyntheticSession(Guid Id, DateOnly Date, TimeOnly Start, bool Video, int Stage, int Step, string Note, bool Signed,
    int IntensityA, int IntensityB, int Episodes, int Peak, int RepairMinutes, string[] Triggers, string[] Markers);

internal sealed record SyntheticAssessment(Guid Id, Guid PartnerId, DateOnly On, string ResponsesJson, double Avoidance, double Anxiety,
    AttachmentQuadrant? Quadrant);
