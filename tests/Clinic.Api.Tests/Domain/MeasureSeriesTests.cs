using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Dashboard;

namespace Clinic.Api.Tests.Domain;

/// <summary>The couple dashboard's measure series: each point judged by the instrument version its assessment was scored with.</summary>
public sealed class MeasureSeriesTests
{
    private static readonly InstrumentDefinition Phq9 =
        CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", "phq-9.json"));

    /// <summary>A later PHQ-9 version whose published threshold is 3 points and whose cut-off is 20 instead of version 1's.</summary>
    private static readonly InstrumentDefinition Phq9V2 = Phq9 with
    {
        Version = 2,
        Subscales = Phq9.Subscales.Select(s => s with
        {
            ReliableChange = s.ReliableChange with { Threshold = new FixedThreshold(3, "a later edition (test)") },
            CutOff = s.CutOff is { } cut ? cut with { Value = 20 } : null,
        }).ToList(),
    };

    private static readonly Guid Alex = Guid.NewGuid();

    private static CoupleDashboardQueries.AssessmentRow Row(int version, string on, double total) =>
        new(Guid.NewGuid(), Alex, "PHQ-9", version, DateOnly.Parse(on), AssessmentSource.Therapist, null, null, null,
            new Dictionary<string, double> { ["total"] = total }, null);

    [Fact]
    public void EachPoint_IsJudgedByTheVersionItWasScoredWith_NotTheNewest()
    {
        var catalogue = new InstrumentCatalogue([Phq9, Phq9V2]);
        // Version 1 throughout, then one on version 2: +5 points is noise by version 1's 6-point rule, reliable by version 2's 3.
        var rows = new[] { Row(1, "2026-10-01", 5), Row(1, "2026-10-15", 10), Row(2, "2026-11-01", 15) };

        var points = MeasureSeries.Build(rows, catalogue).Single(s => s.Instrument == "PHQ-9").Points;

        points.Should().HaveCount(3);
        points[1].Change!.Reliable.Should().BeFalse("version 1 asks for 6 points");
        points[2].Change!.Reliable.Should().BeTrue("version 2 asks for 3 points");
        points[1].Clinical.Should().Be(Phq9.Subscale("total").CutOff!.IsClinical(10), "version 1's cut-off places it");
        points[2].Clinical.Should().BeFalse("15 is under version 2's cut-off of 20");
    }
}
