using Clinic.Api.Domain.Dashboard;

namespace Clinic.Api.Tests.Domain;

public sealed class CycleTrendTests
{
    // With x = 0, 1, 2 the least-squares slope is (y3 − y1) / 2; the middle point does not move it.

    [Theory]
    [InlineData(new[] { 5.0, 5.5, 6.0 }, CycleTrendDirection.Rising)]   // (6 − 5)/2 = 0.5, at the threshold
    [InlineData(new[] { 5.0, 9.0, 5.98 }, CycleTrendDirection.Flat)]    // (5.98 − 5)/2 = 0.49
    [InlineData(new[] { 7.0, 7.0, 7.0 }, CycleTrendDirection.Flat)]
    [InlineData(new[] { 6.0, 5.0, 5.02 }, CycleTrendDirection.Flat)]    // −0.49
    [InlineData(new[] { 6.0, 5.5, 5.0 }, CycleTrendDirection.Falling)]  // −0.5
    [InlineData(new[] { 8.0, 6.0, 3.0 }, CycleTrendDirection.Falling)]  // −2.5
    public void Classify_ThreeSessions_UsesHalfAPointPerSession(double[] means, CycleTrendDirection expected)
    {
        CycleTrend.Classify(means).Should().Be(expected);
    }

    [Fact]
    public void Classify_MoreThanThreeSessions_UsesOnlyTheLastThree()
    {
        // Last three 4, 3, 2 → slope −1 despite the earlier rise.
        CycleTrend.Classify([1.0, 9.0, 4.0, 3.0, 2.0]).Should().Be(CycleTrendDirection.Falling);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 3.0 })]
    [InlineData(new[] { 3.0, 9.0 })]
    public void Classify_FewerThanThreeSessions_GivesNoTrend(double[] means)
    {
        CycleTrend.Classify(means).Should().BeNull();
    }

    [Fact]
    public void Slope_FourPoints_IsLeastSquares()
    {
        // x̄ = 1.5, ȳ = 3; Σ(x−x̄)(y−ȳ) = (−1.5)(−2) + (−0.5)(−1) + 0.5·2 + 1.5·1 = 6; Σ(x−x̄)² = 5 → 1.2.
        CycleTrend.Slope([1.0, 2.0, 5.0, 4.0]).Should().BeApproximately(1.2, 1e-12);
    }

    [Fact]
    public void SessionMean_IgnoresUnrecordedPartners()
    {
        CycleTrend.SessionMean([7, 4]).Should().Be(5.5);
        CycleTrend.SessionMean([7, null]).Should().Be(7.0);
        CycleTrend.SessionMean([null, null]).Should().BeNull();
    }
}
