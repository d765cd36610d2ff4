using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.HomeworkBuilders;

namespace Clinic.Api.Tests.Contract;

/// <summary>
/// Every update that guards against a stale write asks for the version it read the same way
/// (Concurrency.VersionRead): without it, a 400 naming <c>version</c>, one wording, nothing written.
/// </summary>
public sealed class VersionReadTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private const string Message = "Send the version you read, so a stale write can be detected.";

    [Fact]
    public async Task AnUpdateWithoutTheVersionRead_Is400NamingVersion_WithOneMessage()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var session = await therapist.CreateSessionAsync(couple);
        var assignment = await therapist.AssignAsync(couple);
        var appointment = await therapist.BookAsync(couple, factory.Local(3));
        var map = JsonNode.Parse(JsonSerializer.Serialize(CycleMapBuilders.Map(couple, 0), ApiClient.Json))!.AsObject();
        map.Remove("version");

        var responses = new Dictionary<string, HttpResponseMessage>
        {
            ["couple"] = await therapist.PatchAsync($"/api/couples/{couple.Id()}", new { goals = "Softening." }),
            ["partner"] = await therapist.PatchAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}", new { pronouns = "she/her" }),
            ["session"] = await therapist.PutAsync($"/api/sessions/{session.Id()}", Caseload.SessionUpdate(couple)),
            ["sign"] = await therapist.PostAsync($"/api/sessions/{session.Id()}/sign", new { }),
            ["homework"] = await therapist.PatchAsync($"/api/homework/{assignment.Id()}", new { status = "completed" }),
            ["cycle map"] = await therapist.PutAsync($"/api/couples/{couple.Id()}/cycle-map", map),
            ["appointment"] = await therapist.PatchAsync($"/api/appointments/{appointment.Id()}", new { status = "cancelled" }),
        };

        foreach (var (write, response) in responses)
        {
            (await response.ErrorFieldsAsync()).Should().Equal(new[] { "version" }, write);
            var message = await response.ErrorMessageAsync("version");
            message.Should().Be(write == "cycle map" ? "Send the version you read (0 for a new map), so a stale write can be detected." : Message, write);
        }
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"))["goals"]!.GetValue<string>().Should().NotBe("Softening.");
        (await therapist.GetJsonAsync($"/api/sessions/{session.Id()}"))["signedAt"].Should().BeNull();
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/homework"))["items"]![0]!["status"]!.GetValue<string>().Should().Be("active");
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/appointments"))["items"]![0]!["status"]!.GetValue<string>().Should().Be("booked");
    }
}
