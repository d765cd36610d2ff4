using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

/// <summary>Change between two administrations goes through one entry point, <see cref="MeasureChange.Between"/>, whatever the rule.</summary>
public sealed class AttachmentChangeTests
{
    private static InstrumentDefinition Load(string file) => CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", file));

    private static readonly InstrumentDefinition EcrRs = Load("ecr-rs.json");

    [Fact]
    public void Between_GivesReliableChangeOnBothStoredSubscales_WithTheInstrumentsParameters()
    {
        var changes = MeasureChange.Between(EcrRs, new Dictionary<string, double> { ["avoidance"] = 2, ["anxiety"] = 5 },
            new Dictionary<string, double> { ["avoidance"] = 5, ["anxiety"] = 5 });

        changes.Keys.Should().Equal("avoidance", "anxiety");
        var avoidance = changes["avoidance"];
        avoidance.Method.Should().Be(ReliableChangeMethod.Rci);
        avoidance.Change.Should().Be(3);
        var rule = EcrRs.Subscale("avoidance").ReliableChange;
        avoidance.Rci.Should().BeApproximately(ReliableChange.Compute(2, 5, rule.Sd!.Value!.Value, rule.Reliability!.Value!.Value).Rci, 1e-9);
        changes["anxiety"].Change.Should().Be(0);
        changes["anxiety"].IsReliable.Should().BeFalse();
    }

    [Theory]
    [InlineData("phq-9.json", ReliableChangeMethod.FixedThreshold)]
    [InlineData("gad-7.json", ReliableChangeMethod.FixedThreshold)]
    [InlineData("csi-4.json", ReliableChangeMethod.None)]
    [InlineData("ecr-rs.json", ReliableChangeMethod.Rci)]
    public void Between_NeverThrows_WhateverTheInstrumentsRule(string file, ReliableChangeMethod method)
    {
        var instrument = Load(file);
        var previous = instrument.Subscales.ToDictionary(s => s.Code, s => s.Range!.Min);
        var current = instrument.Subscales.ToDictionary(s => s.Code, s => s.Range!.Max);

        var changes = MeasureChange.Between(instrument, previous, current);

        changes.Should().HaveCount(instrument.Subscales.Count);
        changes.Values.Should().OnlyContain(v => v.Method == method && v.Change > 0 && v.Reading.Length > 0);
    }
}
