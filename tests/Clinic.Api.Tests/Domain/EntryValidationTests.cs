using System.Text.Json;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Homework;

namespace Clinic.Api.Tests.Domain;

public sealed class EntryValidationTests
{
    private static readonly IReadOnlyList<ExerciseDefinition> Exercises =
        CatalogueLoader.LoadDirectory<ExerciseDefinition>(SeedFiles.Path("exercises"));

    private static ExerciseDefinition Exercise(string code) => Exercises.Single(e => e.Code == code);

    private static Dictionary<string, JsonElement> Fields(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;

    private const string ValidReachOut = """
        {"need": "  reassurance  ", "askedDirectly": true, "fearBefore": 6,
         "understood": 4, "validated": 5, "caredFor": 4, "feltSecurityAfter": 4}
        """;

    [Fact]
    public void Normalise_ValidReachOut_ReturnsTypedTrimmedValuesAndDefaultRole()
    {
        var result = EntryValidation.Normalise(Exercise("reach-out"), Fields(ValidReachOut), role: null);

        result.IsValid.Should().BeTrue();
        result.Errors.Should().BeEmpty();
        result.Entry!.Role.Should().Be(EntryRole.Needing);
        result.Entry.Values["need"].Should().Be(new FieldValue.Text("reassurance"));
        result.Entry.Values["askedDirectly"].Should().Be(new FieldValue.Boolean(true));
        result.Entry.Values["fearBefore"].Should().Be(new FieldValue.Integer(6));
    }

    [Fact]
    public void Normalise_ValidAcceptSupport_ReturnsChoice()
    {
        var fields = Fields("""{"supportOffered": "a walk", "accepted": "partly", "difficulty": 7, "feltCloserAfter": 3}""");

        var result = EntryValidation.Normalise(Exercise("accept-support"), fields, "needing");

        result.Entry!.Values["accepted"].Should().Be(new FieldValue.Choice("partly"));
    }

    [Fact]
    public void Normalise_OptionalFieldOmitted_IsValidWithoutIt()
    {
        var fields = Fields("""{"minutes": 20, "rolesSwapped": false, "urgeToFix": 2}""");

        var result = EntryValidation.Normalise(Exercise("taking-turns"), fields, "supporting");

        result.IsValid.Should().BeTrue();
        result.Entry!.Values.Keys.Should().BeEquivalentTo("minutes", "rolesSwapped", "urgeToFix");
    }

    [Fact]
    public void Validate_MissingRequiredAndBlankText_AreRequired()
    {
        var fields = Fields("""{"need": "   ", "askedDirectly": true, "fearBefore": null, "understood": 4, "validated": 5, "caredFor": 4}""");

        var errors = EntryValidation.Validate(Exercise("reach-out"), fields, "needing");

        errors.Keys.Should().BeEquivalentTo("fields.need", "fields.fearBefore", "fields.feltSecurityAfter");
        errors["fields.need"].Should().Equal("This answer is required.");
    }

    [Theory]
    [InlineData("fearBefore", "\"6\"", "Must be a whole number.")]
    [InlineData("fearBefore", "6.5", "Must be a whole number.")]
    [InlineData("askedDirectly", "\"yes\"", "Must be true or false.")]
    [InlineData("need", "42", "Must be text.")]
    public void Validate_WrongType_NamesTheField(string field, string json, string message)
    {
        var fields = Fields(ValidReachOut);
        fields[field] = JsonDocument.Parse(json).RootElement;

        var errors = EntryValidation.Validate(Exercise("reach-out"), fields, "needing");

        errors.Should().ContainSingle().Which.Key.Should().Be($"fields.{field}");
        errors[$"fields.{field}"].Should().Equal(message);
    }

    [Theory]
    [InlineData("fearBefore", -1, "Must be between 0 and 10.")]
    [InlineData("fearBefore", 11, "Must be between 0 and 10.")]
    [InlineData("understood", 0, "Must be between 1 and 5.")]
    [InlineData("understood", 6, "Must be between 1 and 5.")]
    public void Validate_OutOfRange_NamesTheField(string field, int value, string message)
    {
        var fields = Fields(ValidReachOut);
        fields[field] = JsonSerializer.SerializeToElement(value);

        var errors = EntryValidation.Validate(Exercise("reach-out"), fields, "needing");

        errors.Should().ContainSingle().Which.Value.Should().Equal(message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    public void Validate_RangeEnds_AreAllowed(int value)
    {
        var fields = Fields(ValidReachOut);
        fields["fearBefore"] = JsonSerializer.SerializeToElement(value);

        EntryValidation.Validate(Exercise("reach-out"), fields, "needing").Should().BeEmpty();
    }

    [Fact]
    public void Validate_ChoiceNotInOptions_ListsTheOptions()
    {
        var fields = Fields("""{"supportOffered": "a walk", "accepted": "Fully", "difficulty": 7, "feltCloserAfter": 3}""");

        var errors = EntryValidation.Validate(Exercise("accept-support"), fields, null);

        errors["fields.accepted"].Should().Equal("Must be one of: fully, partly, not.");
    }

    [Fact]
    public void Validate_UnknownField_IsReported()
    {
        var fields = Fields(ValidReachOut);
        fields["Need"] = JsonSerializer.SerializeToElement("x");

        var errors = EntryValidation.Validate(Exercise("reach-out"), fields, "needing");

        errors.Should().ContainSingle().Which.Key.Should().Be("fields.Need");
        errors["fields.Need"].Should().Equal("Unknown field.");
    }

    [Fact]
    public void Validate_TextTooLong_IsReportedButLimitItselfIsAllowed()
    {
        var fields = Fields(ValidReachOut);
        fields["need"] = JsonSerializer.SerializeToElement(new string('a', 500));
        EntryValidation.Validate(Exercise("reach-out"), fields, "needing").Should().BeEmpty();

        fields["need"] = JsonSerializer.SerializeToElement(new string('a', 501));
        EntryValidation.Validate(Exercise("reach-out"), fields, "needing")["fields.need"]
            .Should().Equal("Must be at most 500 characters.");
    }

    [Theory]
    [InlineData("supporting")]
    [InlineData("Needing")]
    [InlineData("helper")]
    public void Validate_RoleNotOfferedByExercise_IsReported(string role)
    {
        var errors = EntryValidation.Validate(Exercise("reach-out"), Fields(ValidReachOut), role);

        errors.Should().ContainSingle().Which.Key.Should().Be("role");
        errors["role"].Should().Equal("Must be one of: needing.");
    }

    [Fact]
    public void Validate_RoleOmittedOnTwoRoleExercise_IsRequired()
    {
        var fields = Fields("""{"minutes": 20, "rolesSwapped": true}""");

        var errors = EntryValidation.Validate(Exercise("taking-turns"), fields, null);

        errors["role"].Should().Equal("Say which role you took: needing, supporting.");
    }
}
