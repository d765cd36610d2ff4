using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

public enum AssessmentSource
{
    [JsonStringEnumMemberName("portal")] Portal,
    [JsonStringEnumMemberName("therapist")] Therapist,
}

/// <summary>
/// One administration of an instrument to one partner. Scores are computed once, from the
/// catalogue version named here, and stored with the responses so the record explains itself.
/// </summary>
public sealed class Assessment
{
    private Assessment() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string InstrumentCode { get; private set; } = "";
    public int InstrumentVersion { get; private set; }
    public DateOnly AdministeredOn { get; private set; }
    public AssessmentSource Source { get; private set; }
    /// <summary>Keyed by the catalogue's stable item id, never by screen position.</summary>
    public Dictionary<string, int> Responses { get; private set; } = [];
    /// <summary>Subscale code → score at full precision: <c>{"total": 14}</c>, ECR-RS <c>{"avoidance": …, "anxiety": …}</c>.</summary>
    public Dictionary<string, double> Scores { get; private set; } = [];
    /// <summary>The band code of the instrument's banded subscale ("moderate"); null where it has no bands.</summary>
    public string? Band { get; private set; }
    /// <summary>
    /// ECR-RS's two scores again, as columns the attachment plane reads directly; the database
    /// checks they equal the ones in <see cref="Scores"/>. Null for every other instrument.
    /// </summary>
    public double? Avoidance { get; private set; }
    public double? Anxiety { get; private set; }
    public AttachmentQuadrant? Quadrant { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }
    public Guid? QuestionnaireRequestId { get; private set; }

    /// <summary>Validates and scores with the shared pure functions; invalid responses are the caller's 400.</summary>
    public static Assessment Record(InstrumentDefinition instrument, Guid coupleId, Guid partnerId, DateOnly administeredOn,
        AssessmentSource source, IReadOnlyDictionary<string, int?> responses, Guid createdBy, DateTimeOffset now,
        Guid? questionnaireRequestId = null)
    {
        var score = InstrumentScoring.Score(instrument, responses);
        var items = instrument.Items.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        var scores = score.ToDictionary();
        return new Assessment
        {
            Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, InstrumentCode = instrument.Code,
            InstrumentVersion = instrument.Version, AdministeredOn = administeredOn, Source = source,
            Responses = responses.ToDictionary(r => items[r.Key].Id, r => r.Value!.Value, StringComparer.Ordinal),
            Scores = scores, Band = score.Band?.Code,
            Avoidance = scores.TryGetValue("avoidance", out var avoidance) ? avoidance : null,
            Anxiety = scores.TryGetValue("anxiety", out var anxiety) ? anxiety : null,
            Quadrant = Assessments.Quadrant.Classify(instrument, score),
            CreatedAt = now, CreatedBy = createdBy, QuestionnaireRequestId = questionnaireRequestId,
        };
    }

    public double Score(string subscale) => Scores.TryGetValue(subscale, out var value)
        ? value
        : throw new ArgumentException($"No stored score for subscale '{subscale}'.", nameof(subscale));

    /// <summary>The risk items this administration's answers raise; see <see cref="InstrumentDefinition.RisksRaisedBy"/>.</summary>
    public IReadOnlyList<RaisedRisk> RisksRaised(InstrumentDefinition instrument) => instrument.RisksRaisedBy(Responses);

    /// <summary>
    /// The order of a partner's administrations of an instrument, the one definition of "latest" and "previous": by date,
    /// then by entry time, so two on one day still have an order. <see cref="PreviousOf"/> sorts by it, and the
    /// dashboards' SQL (<see cref="ChronologicalSql"/>: the caseload's two latest per partner, the couple dashboard's
    /// series, whose change per point is its predecessor's) restates it.
    /// </summary>
    public static IOrderedEnumerable<T> Chronological<T>(IEnumerable<T> assessments, Func<T, DateOnly> administeredOn,
        Func<T, DateTimeOffset> createdAt, bool latestFirst = false) => latestFirst
        ? assessments.OrderByDescending(administeredOn).ThenByDescending(createdAt)
        : assessments.OrderBy(administeredOn).ThenBy(createdAt);

    /// <summary><see cref="Chronological{T}"/> as an ORDER BY list over the assessments table's alias.</summary>
    public static string ChronologicalSql(string alias, bool latestFirst = false) => latestFirst
        ? $"{alias}.administered_on DESC, {alias}.created_at DESC"
        : $"{alias}.administered_on, {alias}.created_at";

    /// <summary>The partner's latest earlier administration of the same instrument, in <see cref="Chronological{T}"/> order.</summary>
    public static Assessment? PreviousOf(Assessment current, IEnumerable<Assessment> others) =>
        Chronological(others.Where(a => a.PartnerId == current.PartnerId && a.InstrumentCode == current.InstrumentCode)
                .Append(current).DistinctBy(a => a.Id), a => a.AdministeredOn, a => a.CreatedAt)
            .TakeWhile(a => a.Id != current.Id)
            .LastOrDefault();
}
