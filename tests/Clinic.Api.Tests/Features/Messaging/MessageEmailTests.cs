using System.Net;
using Clinic.Api.Tests.Infrastructure;
using MimeKit;
using Npgsql;

namespace Clinic.Api.Tests.Features.Messaging;

/// <summary>Issue 31 item 4: "You have a new message in your portal" — no content, throttled per thread, the partner's switch.</summary>
public sealed class MessageEmailTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private async Task<List<MimeMessage>> NewMessageMailAsync(string recipient)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT content FROM outbox_messages WHERE kind = 'new_message' AND recipient = $1 ORDER BY created_at", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = recipient });
        var mail = new List<MimeMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) mail.Add(await MimeMessage.LoadAsync(new MemoryStream((byte[])reader[0])));
        return mail;
    }

    private static string Email(System.Text.Json.Nodes.JsonNode couple, int partner) => couple["partners"]![partner]!["email"]!.GetValue<string>();

    [Fact]
    public async Task AMessage_TellsTheOthersOfTheThread_WithoutSenderOrText_AndNeverTheOtherPartnerOfAPrivateThread()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);

        await therapist.WriteAsync(t.PrivateA, "About the affair you mentioned: let us talk on Tuesday.");
        await a.WriteAsync(t.Joint, "Sam and I had a bad week.");

        var toA = await NewMessageMailAsync(Email(couple, 0));
        var toB = await NewMessageMailAsync(Email(couple, 1));
        toA.Should().ContainSingle("the private answer; A's own joint message tells A nothing");
        toB.Should().ContainSingle("only the joint message: B never hears of A's private thread");
        foreach (var mail in toA.Concat(toB))
        {
            mail.Subject.Should().Be("You have a new message in your portal");
            EmailPrivacy.AssertNothingClinical(mail, couple);
            EmailPrivacy.Everything(mail).Should().NotContain("Tuesday").And.NotContain("bad week");
        }
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM outbox_messages WHERE kind = 'new_message' AND user_id = '{therapist.UserId}'"))
            .Should().Be(1, "the therapist is told of the partner's message too");
    }

    [Fact]
    public async Task ManyMessagesInOneThread_SendAtMostOneEmailPerFifteenMinutes_PerThreadAndReader()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);

        for (var i = 0; i < 4; i++) await therapist.WriteAsync(t.Joint, $"Note {i}");
        await therapist.WriteAsync(t.PrivateA, "Just for you.");

        var rows = await factory.ScalarAsync<long>(
            $"SELECT count(*) FROM outbox_messages WHERE kind = 'new_message' AND recipient = '{Email(couple, 0)}'");
        rows.Should().Be(2, "one for the joint thread, one for the private thread");
        (await factory.ScalarAsync<long>($"""
            SELECT count(*) FROM outbox_messages WHERE kind = 'new_message' AND recipient = '{Email(couple, 0)}'
            AND throttle_seconds = 900 AND throttle_key LIKE 'new_message:%' AND partner_id = '{couple.PartnerId(0)}'
            """)).Should().Be(2, "throttled for 15 minutes, and addressed to the partner so quiet hours hold it back");
    }

    [Fact]
    public async Task APartnerWhoTurnedMessagesOff_GetsNoEmail_AndTheSwitchRoundTrips()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var (a, _) = await therapist.PartnersAsync(couple);
        var t = await therapist.ThreadsAsync(couple);
        var preferences = await a.GetJsonAsync("/api/portal/notification-preferences");
        preferences["messages"]!.GetValue<bool>().Should().BeTrue("on until turned off");
        preferences["messages"] = false;

        var saved = await a.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, "/api/portal/notification-preferences", preferences);
        await therapist.WriteAsync(t.Joint, "Reminder for both of you.");

        saved["messages"]!.GetValue<bool>().Should().BeFalse();
        (await a.GetJsonAsync("/api/portal/notification-preferences"))["messages"]!.GetValue<bool>().Should().BeFalse();
        (await NewMessageMailAsync(Email(couple, 0))).Should().BeEmpty();
        (await NewMessageMailAsync(Email(couple, 1))).Should().ContainSingle("B did not turn it off");
    }
}
