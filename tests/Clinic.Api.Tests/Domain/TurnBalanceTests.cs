using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Tests.Domain;

public sealed class TurnBalanceTests
{
    private static readonly Guid Alex = Guid.NewGuid();
    private static readonly Guid Sam = Guid.NewGuid();

    private static EntryFact Entry(Guid partner, EntryRole role) =>
        new(Guid.NewGuid(), Guid.NewGuid(), partner, new DateOnly(2026, 11, 10), role);

    [Fact]
    public void Compute_GivesEachPartnersShareOfNeeding()
    {
        // Alex: 3 needing, 1 supporting → 3/4 = 0.75. Sam: 1 needing, 1 supporting → 0.5 (balanced).
        var entries = new[]
        {
            Entry(Alex, EntryRole.Needing), Entry(Alex, EntryRole.Needing), Entry(Alex, EntryRole.Needing),
            Entry(Alex, EntryRole.Supporting), Entry(Sam, EntryRole.Needing), Entry(Sam, EntryRole.Supporting),
        };

        var balance = TurnBalance.Compute(entries, [Alex, Sam]);

        balance.Should().Equal(
            new TurnBalanceShare(Alex, 3, 1, 0.75),
            new TurnBalanceShare(Sam, 1, 1, 0.5));
    }

    [Fact]
    public void Compute_PartnerWithNoEntries_HasNullShare()
    {
        var balance = TurnBalance.Compute([Entry(Alex, EntryRole.Supporting)], [Alex, Sam]);

        balance.Should().Equal(
            new TurnBalanceShare(Alex, 0, 1, 0.0),
            new TurnBalanceShare(Sam, 0, 0, null));
    }
}
