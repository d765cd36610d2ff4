using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

public sealed class AttachmentChangeTests
{
    private static readonly InstrumentDefinition EcrRs =
        CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "ecr-rs.json"));

    [Fact]
    public void Between_GivesReliableChangeOnBothStoredSubscales_WithTheInstrumentsParameters()
    {
        var changes = AttachmentChange.Between(EcrRs, new AttachmentScores(Avoidance: 2, Anxiety: 5), new AttachmentScores(Avoidance: 5, Anxiety: 5));

        changes.Select(c => c.Subscale.Code).Should().Equal("avoidance", "anxiety");
        var avoidance = changes[0].Result;
        avoidance.Change.Should().Be(3);
        avoidance.Should().BeEquivalentTo(ReliableChange.Compute(2, 5, EcrRs.Subscale("avoidance")));
        changes[1].Result.Change.Should().Be(0);
        changes[1].Result.IsReliable.Should().BeFalse();
    }
}
