using Clinic.Api.Domain.Assessments;

namespace Clinic.Api.Tests.Domain;

public sealed class ReliableChangeTests
{
    // With SD = 1.0 and r = 0.65:
    //   SE     = 1.0 · √(1 − 0.65) = √0.35 = 0.591608
    //   S_diff = √2 · 0.591608      = 0.836660
    // so a change must exceed 1.96 · 0.836660 = 1.639853 points to be reliable.
    private const double Sd = 1.0;
    private const double R = 0.65;

    [Fact]
    public void Compute_AnxietyUpTwoPoints_IsAReliableDeterioration()
    {
        // RCI = (5.0 − 3.0) / 0.836660 = 2.390457 > 1.96.
        var result = ReliableChange.Compute(3.0, 5.0, Sd, R, "attachment anxiety");

        result.Change.Should().Be(2.0);
        result.StandardError.Should().BeApproximately(0.591608, 1e-6);
        result.DifferenceStandardError.Should().BeApproximately(0.836660, 1e-6);
        result.Rci.Should().BeApproximately(2.390457, 1e-6);
        result.IsReliable.Should().BeTrue();
        result.Direction.Should().Be(ChangeDirection.Deteriorated);
        result.Reading.Should().Be("This is a reliable increase in attachment anxiety (RCI 2.39).");
    }

    [Fact]
    public void Compute_AvoidanceDownTwoPoints_IsAReliableImprovement()
    {
        // RCI = (3.0 − 5.0) / 0.836660 = −2.390457.
        var result = ReliableChange.Compute(5.0, 3.0, Sd, R, "attachment avoidance");

        result.Rci.Should().BeApproximately(-2.390457, 1e-6);
        result.Direction.Should().Be(ChangeDirection.Improved);
        result.Reading.Should().Be("This is a reliable decrease in attachment avoidance (RCI -2.39).");
    }

    [Fact]
    public void Compute_OnePointRise_IsWithinMeasurementNoise()
    {
        // RCI = 1.0 / 0.836660 = 1.195229 ≤ 1.96: a whole scale point is still noise at r = .65.
        var result = ReliableChange.Compute(3.0, 4.0, Sd, R, "attachment anxiety");

        result.Rci.Should().BeApproximately(1.195229, 1e-6);
        result.IsReliable.Should().BeFalse();
        result.Direction.Should().Be(ChangeDirection.None);
        result.Reading.Should().Be("A change this size is within measurement noise.");
    }

    [Fact]
    public void Compute_RciExactlyAtThreshold_IsNotReliable()
    {
        // Change = 1.96 · S_diff gives RCI = 1.96 (to rounding); the rule is strictly greater.
        var justBelow = ReliableChange.Compute(2.0, 2.0 + 1.639, Sd, R);
        var justAbove = ReliableChange.Compute(2.0, 2.0 + 1.641, Sd, R);

        justBelow.IsReliable.Should().BeFalse();
        justAbove.IsReliable.Should().BeTrue();
    }

    [Fact]
    public void Compute_HigherIsBetterScale_ReadsARiseAsImprovement()
    {
        var result = ReliableChange.Compute(3.0, 5.0, Sd, R, lowerIsBetter: false);

        result.Direction.Should().Be(ChangeDirection.Improved);
    }

    [Fact]
    public void Judge_WithAnRciSubscale_FlagsUnsourcedSd()
    {
        var subscale = new SubscaleDefinition("anxiety", "Attachment anxiety", "", true,
            new ReliableChangeParameters(
                new SourcedValue(1.0, false, Note: "Not yet sourced"),
                new SourcedValue(0.65, true, Source: "Fraley")));

        var result = ReliableChange.Judge(3.0, 5.0, subscale);

        result.Method.Should().Be(ReliableChangeMethod.Rci);
        result.ProvisionalParameters.Should().BeTrue();
        result.Reading.Should().StartWith("This is a reliable increase in attachment anxiety (RCI 2.39).")
            .And.Contain("provisional");
    }

    [Theory]
    [InlineData(0.0, 0.65)]
    [InlineData(-1.0, 0.65)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.0, -0.1)]
    public void Compute_ImpossibleParameters_Throws(double sd, double r)
    {
        var act = () => ReliableChange.Compute(3.0, 5.0, sd, r);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
