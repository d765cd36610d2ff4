using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Tests.Domain;

public sealed class QuadrantTests
{
    [Theory]
    [InlineData(2.0, 2.0, AttachmentQuadrant.Secure)]
    [InlineData(2.0, 5.5, AttachmentQuadrant.Preoccupied)]
    [InlineData(5.5, 2.0, AttachmentQuadrant.Dismissing)]
    [InlineData(5.5, 5.5, AttachmentQuadrant.Fearful)]
    public void Classify_ClearlyInsideAQuadrant_ReturnsIt(double avoidance, double anxiety, AttachmentQuadrant expected)
    {
        Quadrant.Classify(avoidance, anxiety, 4).Should().Be(expected);
    }

    [Theory]
    [InlineData(4.0, 4.0, AttachmentQuadrant.Secure)]
    [InlineData(4.0, 4.01, AttachmentQuadrant.Preoccupied)]
    [InlineData(4.01, 4.0, AttachmentQuadrant.Dismissing)]
    [InlineData(4.01, 4.01, AttachmentQuadrant.Fearful)]
    public void Classify_AtTheMidpoint_CountsAsLow(double avoidance, double anxiety, AttachmentQuadrant expected)
    {
        Quadrant.Classify(avoidance, anxiety, 4).Should().Be(expected);
    }

    [Fact]
    public void Code_GivesTheWireValue()
    {
        Enum.GetValues<AttachmentQuadrant>().Select(Quadrant.Code)
            .Should().Equal("secure", "preoccupied", "dismissing", "fearful");
    }
}
