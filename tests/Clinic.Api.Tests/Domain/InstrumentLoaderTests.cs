using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

/// <summary>A malformed instrument file is refused with its name and the field that is wrong.</summary>
public sealed class InstrumentLoaderTests
{
    private static string Phq9Json => File.ReadAllText(SeedFiles.Path("instruments", "phq-9.json"));
    private static string Csi4Json => File.ReadAllText(SeedFiles.Path("instruments", "csi-4.json"));

    private static CatalogueException Refused(string json, string file = "phq-9-broken.json")
    {
        var act = () => CatalogueLoader.Parse<InstrumentDefinition>(json, file);
        return act.Should().Throw<CatalogueException>().Which;
    }

    [Fact]
    public void LoadDirectory_ShipsFiveInstruments()
    {
        CatalogueLoader.LoadDirectory<InstrumentDefinition>(SeedFiles.Path("instruments")).Select(i => i.Code)
            .Should().BeEquivalentTo("CSI-4", "CSI-16", "ECR-RS", "GAD-7", "PHQ-9");
    }

    [Theory]
    [InlineData("\"label\": \"Mild\", \"min\": 5", "\"label\": \"Mild\", \"min\": 6",
        "subscale 'total': band 'mild' must start right after 'minimal' ends (no gap, no overlap)")]
    [InlineData("\"range\": { \"min\": 0, \"max\": 27 }", "\"range\": { \"min\": 0, \"max\": 26 }",
        "subscale 'total': range 0–26 does not match its items, which give 0–27")]
    [InlineData("{ \"value\": 2, \"label\": \"More than half the days\" },", "",
        "scale: every value from 0 to 3 needs an anchor")]
    [InlineData("\"item\": \"phq9-9\"", "\"item\": \"phq9-10\"", "risk item 'phq9-10' is not an item of this instrument")]
    [InlineData("\"points\": 6", "\"points\": 0", "subscale 'total': threshold points must be positive")]
    [InlineData("\"scoring\": \"sum\",", "", "scoring is required")]
    [InlineData("\"id\": \"phq9-3\", \"number\": 3", "\"id\": \"phq9-3\", \"number\": 4", "item numbers must run 1, 2, 3")]
    public void Parse_BrokenFact_NamesTheFileAndTheField(string from, string to, string problem)
    {
        Phq9Json.Should().Contain(from, "the test edits the shipped file");

        var refused = Refused(Phq9Json.Replace(from, to));

        refused.File.Should().Be("phq-9-broken.json");
        refused.Message.Should().Contain("'phq-9-broken.json'").And.Contain(problem);
    }

    [Fact]
    public void Parse_MisspeltField_NamesItsPath()
    {
        var refused = Refused(Phq9Json.Replace("\"clinicalSide\"", "\"clinicalSyde\""));

        refused.Message.Should().Contain("'phq-9-broken.json'").And.Contain("clinicalSyde").And.Contain("$.subscales[0].cutOff");
    }

    [Fact]
    public void Parse_MissingLicence_IsRefused()
    {
        var json = string.Join('\n', Csi4Json.Split('\n').Where(l => !l.TrimStart().StartsWith("\"licence\"", StringComparison.Ordinal)));

        Refused(json, "csi-4.json").Message.Should().Contain("licence is required");
    }

    [Fact]
    public void Parse_CsiSdWithoutNote_IsRefused()
    {
        // The CSI's SD is unconfigured configuration: it has to say so.
        var json = Csi4Json.Replace(
            "\"note\": \"Not configured: no reference SD for the CSI has been found (../shared/INSTRUMENTS.md). Set a sourced SD and test–retest r here to turn verdicts on.\"",
            "\"note\": null");
        json.Should().NotBe(Csi4Json);

        Refused(json, "csi-4.json").Message.Should().Contain("unsourced sd needs a note");
    }

    [Fact]
    public void Parse_ThresholdBesideAnSd_IsRefused_OneRuleOnly()
    {
        var json = Phq9Json.Replace("\"reliableChange\": {", "\"reliableChange\": { \"sd\": { \"value\": 5.0, \"sourced\": false, \"note\": \"x\" },");

        Refused(json).Message.Should().Contain("a fixed threshold replaces sd and reliability");
    }
}
