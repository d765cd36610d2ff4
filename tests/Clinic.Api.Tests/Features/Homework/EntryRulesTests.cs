using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

public sealed class EntryRulesTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private async Task<(ApiClient Therapist, JsonNode Couple, ApiClient Alex)> ArrangeAsync()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        return (therapist, couple, alex);
    }

    private static Dictionary<string, object?> With(string field, object? value)
    {
        var fields = HomeworkBuilders.ReachOutFields();
        fields[field] = value;
        return fields;
    }

    [Fact]
    public async Task LogEntry_Valid_Returns201WithNormalisedValues_AndProgressCounts()
    {
        var (therapist, couple, alex) = await ArrangeAsync();
        var assignment = await therapist.AssignAsync(couple);
        var fields = HomeworkBuilders.ReachOutFields();
        fields["need"] = "  a hug  ";

        var response = await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today(), "private", fields));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var entry = await response.JsonAsync();
        response.Headers.Location!.ToString().Should().Be($"/api/portal/entries/{entry.Id()}");
        entry["role"]!.GetValue<string>().Should().Be("needing", "reach-out has one role, so it may be omitted");
        entry["fields"]!["need"]!.GetValue<string>().Should().Be("a hug");
        entry["mine"]!.GetValue<bool>().Should().BeTrue();
        entry["visibility"]!.GetValue<string>().Should().Be("private");
        entry["editableUntil"].Should().NotBeNull();

        var mine = (await alex.GetJsonAsync("/api/portal/homework"))["items"]![0]!;
        mine["thisWeek"]!["entries"]!.GetValue<int>().Should().Be(1);
        mine["thisWeek"]!["target"]!.GetValue<int>().Should().Be(3);
        mine["acceptsEntriesToday"]!.GetValue<bool>().Should().BeTrue();
        mine["fields"]!.AsArray().Should().HaveCount(7);
        mine.AsObject().ContainsKey("rationale").Should().BeFalse();
    }

    [Theory]
    [InlineData("fearBefore", "6", "fields.fearBefore")]          // wrong type
    [InlineData("fearBefore", 11, "fields.fearBefore")]           // out of range
    [InlineData("understood", 0, "fields.understood")]            // out of range below
    [InlineData("askedDirectly", "yes", "fields.askedDirectly")]  // wrong type
    [InlineData("need", null, "fields.need")]                     // missing required
    [InlineData("mood", 3, "fields.mood")]                        // unknown field
    public async Task LogEntry_BadField_Returns400NamingIt(string field, object? value, string expected)
    {
        var (therapist, couple, alex) = await ArrangeAsync();
        var assignment = await therapist.AssignAsync(couple);

        var response = await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today(), fields: With(field, value)));

        (await response.ErrorFieldsAsync()).Should().Equal(expected);
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(0);
    }

    [Fact]
    public async Task LogEntry_TextTooLong_MissingRole_BadRole_BadDate_Return400NamingTheField()
    {
        var (therapist, couple, alex) = await ArrangeAsync();
        var reachOut = await therapist.AssignAsync(couple);
        var turns = await therapist.AssignAsync(couple, "taking-turns", "both", 2);
        var today = factory.Today();

        (await (await alex.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(today, fields: With("need", new string('x', 501)))))
            .ErrorFieldsAsync()).Should().Equal("fields.need");
        (await (await alex.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(today, role: "supporting")))
            .ErrorFieldsAsync()).Should().Equal("role");
        (await (await alex.PostEntryAsync(turns.Id(), HomeworkBuilders.TurnsEntry(today, "leaning")))
            .ErrorFieldsAsync()).Should().Equal("role");
        (await (await alex.PostEntryAsync(turns.Id(), new { occurredOn = today.Iso(), visibility = "shared",
                fields = new { minutes = 10, rolesSwapped = false } }))
            .ErrorFieldsAsync()).Should().Equal("role");
        (await (await alex.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(today.AddDays(1))))
            .ErrorFieldsAsync()).Should().Equal("occurredOn");
        (await (await alex.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(today.AddDays(-8))))
            .ErrorFieldsAsync()).Should().Equal("occurredOn");
        (await (await alex.PostEntryAsync(reachOut.Id(), HomeworkBuilders.ReachOutEntry(today, "public"))).ErrorFieldsAsync())
            .Should().Equal("visibility");
        (await (await alex.PostEntryAsync(reachOut.Id(), new { occurredOn = today.Iso(), visibility = "shared" })).ErrorFieldsAsync())
            .Should().Equal("fields");

        (await factory.CountEntriesAsync(reachOut.Id())).Should().Be(0);
        (await factory.CountEntriesAsync(turns.Id())).Should().Be(0);
    }

    [Fact]
    public async Task LogEntry_ToCancelledCompletedOrNotStartedHomework_Returns409WithAClearMessage()
    {
        var (therapist, couple, alex) = await ArrangeAsync();
        var today = factory.Today();
        var cancelled = await therapist.AssignAsync(couple);
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{cancelled.Id()}",
            new { version = cancelled["version"]!.GetValue<uint>(), status = "cancelled" });
        var completed = await therapist.AssignAsync(couple);
        await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/homework/{completed.Id()}",
            new { version = completed["version"]!.GetValue<uint>(), status = "completed" });
        var later = await therapist.AssignAsync(couple, startsOn: today.AddDays(3), dueOn: today.AddDays(10));

        foreach (var (assignment, words) in new[] { (cancelled, "cancelled"), (completed, "completed"), (later, "starts on") })
        {
            var response = await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(today));
            response.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await response.JsonAsync())["detail"]!.GetValue<string>().Should().Contain(words);
        }

        var list = (await alex.GetJsonAsync("/api/portal/homework"))["items"]!.AsArray();
        list[0]!["id"]!.GetValue<string>().Should().Be(later.Id().ToString(), "active homework comes first");
        list[0]!["acceptsEntriesToday"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task LogEntry_ToHomeworkOfTheOtherPartner_Returns404_AndItIsNotListed()
    {
        var (therapist, couple, alex) = await ArrangeAsync();
        var forSam = await therapist.AssignAsync(couple, assignedTo: "partner_b");

        (await alex.PostEntryAsync(forSam.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await alex.GetAsync($"/api/portal/homework/{forSam.Id()}/entries")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await alex.GetJsonAsync("/api/portal/homework"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task PortalMe_ReturnsMyProfile_AndNothingTherapistOnly()
    {
        var (_, couple, alex) = await ArrangeAsync();

        var me = await alex.GetJsonAsync("/api/portal/me");

        me.AsObject().Select(p => p.Key).Should().BeEquivalentTo("id", "firstName", "lastName", "pronouns", "label", "mapShared", "hasTreatmentPlan");
        me["mapShared"]!.GetValue<bool>().Should().BeFalse("no cycle map has been shared with this couple");
        me["id"]!.GetValue<string>().Should().Be(couple.PartnerId(0).ToString());
        me["label"]!.GetValue<string>().Should().Be("partner_a");
    }
}
