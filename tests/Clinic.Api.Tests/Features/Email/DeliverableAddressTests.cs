using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;

namespace Clinic.Api.Tests.Features.Email;

/// <summary>
/// Issue 26: only deliverable addresses are stored — one bare mailbox, no display name, group, CR, LF or
/// space — and a row stored before that rule is marked failed with a reason by the sender instead of
/// failing the write that queued its message.
/// </summary>
public sealed class DeliverableAddressTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    public static readonly TheoryData<string> Undeliverable =
    [
        "Sam Reed <sam@example.com>",
        "sam@example.com\r\nBcc: everyone@example.com",
        "sam @example.com",
        "undisclosed-recipients:;",
        "friends: sam@example.com, kim@example.com;",
        "sam@example.com, kim@example.com",
        "\"sam\"@example.com (Sam)",
        "sam@localhost",
    ];

    [Theory]
    [MemberData(nameof(Undeliverable))]
    public async Task PartnerTherapistAndCorrectedEmails_ThatAreNotOneMailbox_Are400NamingEmail(string email)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var admin = await factory.AdminAsync();
        var couple = await therapist.CreateCoupleAsync();

        var create = await therapist.PostAsync("/api/couples", new
        {
            partners = new object[]
            {
                new { firstName = "Sam", lastName = "Reed", email },
                new { firstName = "Kim", lastName = "Reed", email = $"kim.{Guid.NewGuid():N}@example.com" },
            },
            startedOn = "2026-11-02",
        });
        var correct = await therapist.PatchAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}",
            new { version = couple["partners"]![0]!["version"]!.GetValue<uint>(), email });
        var hire = await admin.PostAsync("/api/admin/therapists", new { email, firstName = "New", lastName = "Hire" });

        (await create.ErrorFieldsAsync()).Should().Equal("partners[0].email");
        (await correct.ErrorFieldsAsync()).Should().Equal("email");
        (await hire.ErrorFieldsAsync()).Should().Equal("email");
    }

    [Fact]
    public async Task AStoredAddressThatDoesNotParse_FailsItsMessageWithAReason_NotTheWriteThatQueuedIt()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        // As an older version could store it.
        await using (var connection = new NpgsqlConnection(factory.OwnerConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new NpgsqlCommand("UPDATE partners SET email = 'Sam Reed <sam.legacy@example.com>' WHERE id = $1", connection);
            update.Parameters.Add(new NpgsqlParameter { Value = couple.PartnerId(0) });
            await update.ExecuteNonQueryAsync();
        }

        var invite = await therapist.PostAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation");

        invite.StatusCode.Should().Be(HttpStatusCode.Created, "the write succeeds; only its email cannot go");
        var log = await (await factory.AdminAsync()).GetJsonAsync("/api/admin/deliveries?recipient=sam.legacy&pageSize=10");
        var message = log["items"]!.AsArray().Should().ContainSingle().Subject!;
        message["status"]!.GetValue<string>().Should().Be("failed");
        message["lastError"]!.GetValue<string>().Should().Contain("not one deliverable mailbox");
    }
}
