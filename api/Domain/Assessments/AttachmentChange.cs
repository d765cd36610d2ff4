namespace Clinic.Api.Domain.Assessments;

/// <summary>The two scores every attachment assessment stores.</summary>
public readonly record struct AttachmentScores(double Avoidance, double Anxiety)
{
    public const string AvoidanceCode = "avoidance";
    public const string AnxietyCode = "anxiety";

    public double Of(string subscale) => subscale switch
    {
        AvoidanceCode => Avoidance,
        AnxietyCode => Anxiety,
        _ => throw new ArgumentException($"No stored score for subscale '{subscale}'.", nameof(subscale)),
    };
}

public sealed record SubscaleChange(SubscaleDefinition Subscale, ReliableChangeResult Result);

/// <summary>
/// An assessment's change against the partner's previous one: reliable change on each stored subscale, with
/// the instrument version's parameters. The assessment list, the couple dashboard's attachment plane and the
/// caseload's deterioration alert all read change from here.
/// </summary>
public static class AttachmentChange
{
    public static IReadOnlyList<SubscaleChange> Between(InstrumentDefinition instrument, AttachmentScores previous, AttachmentScores current) =>
        new[] { AttachmentScores.AvoidanceCode, AttachmentScores.AnxietyCode }
            .Select(code => instrument.Subscales.FirstOrDefault(s => s.Code == code))
            .OfType<SubscaleDefinition>()
            .Select(s => new SubscaleChange(s, ReliableChange.Compute(previous.Of(s.Code), current.Of(s.Code), s)))
            .ToList();
}
