namespace Clinic.Api.Domain.Assessments;

/// <summary>The two scores every attachment (ECR-RS) assessment stores.</summary>
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

/// <summary>
/// Any instrument's change between two of a partner's scores, each subscale judged by its own rule
/// (<see cref="ReliableChange.Judge"/>: a published threshold, an RCI, or no verdict and why). The
/// assessment list, the couple dashboard's measures and the caseload's alerts all read change from here.
/// </summary>
public static class MeasureChange
{
    /// <summary>Subscales both score sets hold, in the catalogue's order.</summary>
    public static IReadOnlyDictionary<string, ChangeVerdict> Between(InstrumentDefinition instrument,
        IReadOnlyDictionary<string, double> previous, IReadOnlyDictionary<string, double> current) =>
        instrument.Subscales.Where(s => previous.ContainsKey(s.Code) && current.ContainsKey(s.Code))
            .ToDictionary(s => s.Code, s => ReliableChange.Judge(previous[s.Code], current[s.Code], s));
}
