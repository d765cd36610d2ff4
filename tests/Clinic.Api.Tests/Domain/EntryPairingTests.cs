using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Tests.Domain;

public sealed class EntryPairingTests
{
    private static readonly Guid Alex = Guid.NewGuid();
    private static readonly Guid Sam = Guid.NewGuid();
    private static readonly Guid Joint = Guid.NewGuid();
    private static readonly Guid AlexOnly = Guid.NewGuid();
    private static readonly HashSet<Guid> JointAssignments = [Joint];
    private static readonly DateOnly Day = new(2026, 11, 10);

    private static EntryFact Entry(Guid partner, EntryRole role, DateOnly? on = null, Guid? assignment = null,
        params (string Name, object Value)[] values) =>
        new(Guid.NewGuid(), assignment ?? Joint, partner, on ?? Day, role,
            values.ToDictionary(v => v.Name, v => v.Value switch
            {
                int i => (FieldValue)new FieldValue.Integer(i),
                bool b => new FieldValue.Boolean(b),
                _ => throw new ArgumentException("unsupported test value"),
            }));

    [Fact]
    public void Pair_ComplementaryRolesSameAssignmentSameDay_MakesAPair()
    {
        var needing = Entry(Alex, EntryRole.Needing, values: ("feltHeard", 4));
        var supporting = Entry(Sam, EntryRole.Supporting, values: ("urgeToFix", 5));

        var result = EntryPairing.Pair([supporting, needing], JointAssignments);

        result.Pairs.Should().Equal(new EntryPair(needing, supporting));
        result.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Pair_DifferentDayOrAssignment_DoesNotPair()
    {
        var otherJoint = Guid.NewGuid();
        var entries = new[]
        {
            Entry(Alex, EntryRole.Needing),
            Entry(Sam, EntryRole.Supporting, on: Day.AddDays(1)),
            Entry(Sam, EntryRole.Supporting, assignment: otherJoint),
        };

        var result = EntryPairing.Pair(entries, new HashSet<Guid> { Joint, otherJoint });

        result.Pairs.Should().BeEmpty();
        result.Gaps.Should().ContainSingle().Which.Kind.Should().Be(PerceptionGapKind.UnmatchedNeed);
    }

    [Fact]
    public void Pair_SamePartnerBothRoles_DoesNotPairWithThemselves()
    {
        var result = EntryPairing.Pair(
            [Entry(Alex, EntryRole.Needing), Entry(Alex, EntryRole.Supporting)], JointAssignments);

        result.Pairs.Should().BeEmpty();
        result.Gaps.Should().ContainSingle().Which.Kind.Should().Be(PerceptionGapKind.UnmatchedNeed);
    }

    [Fact]
    public void Pair_BothLoggedNeeding_IsNeitherAPairNorAnUnmatchedNeed()
    {
        var result = EntryPairing.Pair(
            [Entry(Alex, EntryRole.Needing), Entry(Sam, EntryRole.Needing)], JointAssignments);

        result.Pairs.Should().BeEmpty();
        result.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Pair_TwoNeedsOneSupport_PairsTheFirstInInputOrder()
    {
        var first = Entry(Alex, EntryRole.Needing);
        var second = Entry(Alex, EntryRole.Needing);
        var support = Entry(Sam, EntryRole.Supporting);

        var result = EntryPairing.Pair([first, second, support], JointAssignments);

        result.Pairs.Should().Equal(new EntryPair(first, support));
        result.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Pair_NeedOnOnePartnerAssignment_IsNotAGap()
    {
        // Sam was never asked to log on Alex's own reach-out, so Sam's silence means nothing.
        var result = EntryPairing.Pair([Entry(Alex, EntryRole.Needing, assignment: AlexOnly)], JointAssignments);

        result.Pairs.Should().BeEmpty();
        result.Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Pair_NeedWithNothingFromThePartner_IsAnUnmatchedNeed()
    {
        var needing = Entry(Alex, EntryRole.Needing);

        var result = EntryPairing.Pair([needing], JointAssignments);

        result.Gaps.Should().Equal(new PerceptionGap(PerceptionGapKind.UnmatchedNeed, needing, null));
    }

    [Theory]
    // Mean of understood/validated/caredFor: (2+2+2)/3 = 2 ≤ 2 → low; (2+2+3)/3 = 2.33 → not low.
    [InlineData(2, 2, 2, true)]
    [InlineData(1, 2, 3, true)]
    [InlineData(2, 2, 3, false)]
    [InlineData(5, 5, 5, false)]
    public void Pair_ReachOutRatingsVersusSupporterWhoStayedPresent_MismatchAtMeanTwo(
        int understood, int validated, int caredFor, bool gap)
    {
        var needing = Entry(Alex, EntryRole.Needing,
            values: [("understood", understood), ("validated", validated), ("caredFor", caredFor)]);
        var supporting = Entry(Sam, EntryRole.Supporting, values: [("stayedPresent", true), ("urgeToFixOrWithdraw", 8)]);

        var result = EntryPairing.Pair([needing, supporting], JointAssignments);

        result.Pairs.Should().ContainSingle();
        result.Gaps.Should().HaveCount(gap ? 1 : 0);
        if (gap) result.Gaps[0].Should().Be(new PerceptionGap(PerceptionGapKind.ResponseMismatch, needing, supporting));
    }

    [Theory]
    // feltHeard ≤ 2 is low; urgeToFix ≤ 3 counts as the supporter feeling it went well.
    [InlineData(2, 3, true)]
    [InlineData(1, 0, true)]
    [InlineData(3, 3, false)]
    [InlineData(2, 4, false)]
    public void Pair_TakingTurnsFeltHeardVersusUrgeToFix_MismatchAtTheThresholds(int feltHeard, int urgeToFix, bool gap)
    {
        var needing = Entry(Alex, EntryRole.Needing, values: ("feltHeard", feltHeard));
        var supporting = Entry(Sam, EntryRole.Supporting, values: ("urgeToFix", urgeToFix));

        var result = EntryPairing.Pair([needing, supporting], JointAssignments);

        result.Gaps.Select(g => g.Kind).Should().Equal(gap ? [PerceptionGapKind.ResponseMismatch] : []);
    }

    [Fact]
    public void Pair_SupporterWhoDidNotStayPresent_AgreesWithALowRatingSoNoGap()
    {
        var needing = Entry(Alex, EntryRole.Needing, values: ("feltHeard", 1));
        var supporting = Entry(Sam, EntryRole.Supporting, values: [("stayedPresent", false), ("urgeToFixOrWithdraw", 9)]);

        EntryPairing.Pair([needing, supporting], JointAssignments).Gaps.Should().BeEmpty();
    }

    [Fact]
    public void Pair_MissingRatings_NeverCountAsLowOrWell()
    {
        var result = EntryPairing.Pair(
            [Entry(Alex, EntryRole.Needing), Entry(Sam, EntryRole.Supporting, values: ("urgeToFix", 0))], JointAssignments);

        result.Pairs.Should().ContainSingle();
        result.Gaps.Should().BeEmpty();
    }
}
