using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Tests.Domain;

public sealed class CatalogueLoaderTests
{
    private static string EcrRsJson => File.ReadAllText(SeedFiles.Path("instruments", "ecr-rs.json"));

    [Fact]
    public void LoadDirectory_ShippedInstruments_LoadsEcrRs()
    {
        var instruments = CatalogueLoader.LoadDirectory<InstrumentDefinition>(SeedFiles.Path("instruments"));

        instruments.Should().ContainSingle(i => i.Code == "ECR-RS" && i.Version == 1);
    }

    [Fact]
    public void Parse_UnknownProperty_ThrowsNamingTheSource()
    {
        var json = EcrRsJson.Replace("\"reverse\": true", "\"reversed\": true");

        var act = () => CatalogueLoader.Parse<InstrumentDefinition>(json, "bad-ecr.json");

        act.Should().Throw<CatalogueException>().WithMessage("*'bad-ecr.json'*").Which.File.Should().Be("bad-ecr.json");
    }

    [Fact]
    public void Parse_ItemWithUnknownSubscale_Throws()
    {
        var json = EcrRsJson.Replace("\"subscale\": \"anxiety\"", "\"subscale\": \"anxeity\"");

        var act = () => CatalogueLoader.Parse<InstrumentDefinition>(json, "typo.json");

        act.Should().Throw<CatalogueException>().WithMessage("*unknown subscale 'anxeity'*");
    }

    [Fact]
    public void Parse_UnsourcedValueWithoutNote_Throws()
    {
        var json = EcrRsJson.Replace(
            "\"note\": \"Not yet sourced; set from the normative sample before clinical use\"", "\"note\": null");

        var act = () => CatalogueLoader.Parse<InstrumentDefinition>(json, "silent.json");

        act.Should().Throw<CatalogueException>().WithMessage("*unsourced sd needs a note*");
    }

    [Fact]
    public void Parse_NumberAsString_Throws()
    {
        var json = EcrRsJson.Replace("\"value\": 0.65", "\"value\": \"0.65\"");

        var act = () => CatalogueLoader.Parse<InstrumentDefinition>(json, "string.json");

        act.Should().Throw<CatalogueException>();
    }

    [Fact]
    public void LoadDirectory_MissingDirectory_Throws()
    {
        var act = () => CatalogueLoader.LoadDirectory<InstrumentDefinition>("/no/such/dir");

        act.Should().Throw<CatalogueException>().WithMessage("*'/no/such/dir'*");
    }
}
