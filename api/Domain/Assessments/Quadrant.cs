using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Assessments;

public enum AttachmentQuadrant
{
    [JsonStringEnumMemberName("secure")] Secure,
    [JsonStringEnumMemberName("preoccupied")] Preoccupied,
    [JsonStringEnumMemberName("dismissing")] Dismissing,
    [JsonStringEnumMemberName("fearful")] Fearful,
}

/// <summary>
/// Bartholomew's four categories as a soft label over continuous scores. This is a convention,
/// not a diagnosis: the UI shows the scores first and says so.
/// </summary>
public static class Quadrant
{
    /// <summary>
    /// A score exactly at the midpoint counts as low. The midpoint is the scale's neutral
    /// "neither agree nor disagree", so it is not evidence of elevated avoidance or anxiety;
    /// "high" therefore means strictly above it.
    /// </summary>
    public static AttachmentQuadrant Classify(double avoidance, double anxiety, double midpoint) =>
        (avoidance > midpoint, anxiety > midpoint) switch
        {
            (false, false) => AttachmentQuadrant.Secure,
            (false, true) => AttachmentQuadrant.Preoccupied,
            (true, false) => AttachmentQuadrant.Dismissing,
            (true, true) => AttachmentQuadrant.Fearful,
        };

    /// <summary>Uses the instrument's own split; null when the instrument defines no quadrant.</summary>
    public static AttachmentQuadrant? Classify(InstrumentDefinition definition, InstrumentScore score) =>
        definition.Quadrant is { } split
            ? Classify(score[split.XSubscale], score[split.YSubscale], split.Midpoint)
            : null;

    /// <summary>The wire value ("secure", …), for callers that store or send a string.</summary>
    public static string Code(AttachmentQuadrant quadrant) => quadrant switch
    {
        AttachmentQuadrant.Secure => "secure",
        AttachmentQuadrant.Preoccupied => "preoccupied",
        AttachmentQuadrant.Dismissing => "dismissing",
        AttachmentQuadrant.Fearful => "fearful",
        _ => throw new ArgumentOutOfRangeException(nameof(quadrant)),
    };
}
