using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Tests.Domain;

public sealed class ExerciseCatalogueTests
{
    private static readonly IReadOnlyList<ExerciseDefinition> Exercises =
        CatalogueLoader.LoadDirectory<ExerciseDefinition>(SeedFiles.Path("exercises"));

    private static ExerciseDefinition Exercise(string code) => Exercises.Single(e => e.Code == code);

    [Fact]
    public void LoadDirectory_ShippedExercises_LoadsTheFiveInTheirFamilies()
    {
        Exercises.Select(e => (e.Code, e.Family)).Should().BeEquivalentTo(new[]
        {
            ("reach-out", ExerciseFamily.EffectiveDependence),
            ("show-up", ExerciseFamily.EffectiveDependence),
            ("accept-support", ExerciseFamily.EffectiveDependence),
            ("needs-conversation", ExerciseFamily.TakingTurns),
            ("taking-turns", ExerciseFamily.TakingTurns),
        });
    }

    [Theory]
    [InlineData("reach-out", "needing")]
    [InlineData("show-up", "supporting")]
    [InlineData("accept-support", "needing")]
    [InlineData("needs-conversation", "needing,supporting")]
    [InlineData("taking-turns", "needing,supporting")]
    public void Roles_MatchTheDesign(string code, string roles)
    {
        Exercise(code).Roles.Select(EntryValidation.RoleCode).Should().Equal(roles.Split(','));
    }

    [Theory]
    [InlineData("reach-out", "need:text,askedDirectly:boolean,fearBefore:integer0-10,understood:integer1-5,validated:integer1-5,caredFor:integer1-5,feltSecurityAfter:integer1-5")]
    [InlineData("show-up", "cueNoticed:text,howResponded:text,urgeToFixOrWithdraw:integer0-10,stayedPresent:boolean,noticedInPartner:text")]
    [InlineData("accept-support", "supportOffered:text,accepted:choice,difficulty:integer0-10,feltCloserAfter:integer1-5")]
    [InlineData("needs-conversation", "need:text,minutes:integer1-180,feltHeard:integer1-5")]
    [InlineData("taking-turns", "minutes:integer1-180,rolesSwapped:boolean,feltHeard:integer1-5,urgeToFix:integer0-10")]
    public void Fields_MatchTheDesignTable(string code, string expected)
    {
        var actual = Exercise(code).Fields.Select(f =>
            $"{f.Name}:{f.Type.ToString().ToLowerInvariant()}{(f.Type == FieldType.Integer ? $"{f.Min}-{f.Max}" : "")}");

        actual.Should().Equal(expected.Split(','));
    }

    [Fact]
    public void AcceptSupport_AcceptedOffersFullyPartlyNot()
    {
        Exercise("accept-support").Fields.Single(f => f.Name == "accepted").Options!.Select(o => o.Value)
            .Should().Equal("fully", "partly", "not");
    }

    [Fact]
    public void Parse_ChoiceWithDuplicateOptionValues_Throws()
    {
        var json = File.ReadAllText(SeedFiles.Path("exercises", "accept-support.json"))
            .Replace("\"value\": \"not\"", "\"value\": \"fully\"");

        var act = () => CatalogueLoader.Parse<ExerciseDefinition>(json, "accept-support.json");

        act.Should().Throw<CatalogueException>()
            .WithMessage("*'accept-support.json'*choice field 'accepted' has duplicate option values*");
    }

    [Fact]
    public void Parse_UnknownFamily_Throws()
    {
        var json = File.ReadAllText(SeedFiles.Path("exercises", "reach-out.json"))
            .Replace("effective_dependence", "effective-dependence");

        var act = () => CatalogueLoader.Parse<ExerciseDefinition>(json, "reach-out.json");

        act.Should().Throw<CatalogueException>().WithMessage("*'reach-out.json'*");
    }
}
