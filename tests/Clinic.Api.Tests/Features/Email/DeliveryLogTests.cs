using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

public sealed class DeliveryLogTests(EmailApiFactory factory) : IClassFixture<EmailApiFactory>
{
    [Fact]
    public async Task TheLog_ShowsKindRecipientStatusAttemptsAndTimes_NeverABody()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null);
        await factory.Mail.WaitForAsync(email);
        var admin = await factory.AdminAsync();

        var log = await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}&status=sent&kind=portal_invitation");

        var item = log["items"]!.AsArray().Single()!.AsObject();
        item.Select(p => p.Key).Should().BeEquivalentTo("id", "kind", "recipient", "status", "attempts", "createdAt", "dueAt", "nextAttemptAt",
            "lastAttemptAt", "sentAt", "lastError", "resentFrom", "canResend");
        item["recipient"]!.GetValue<string>().Should().Be(email);
        item["sentAt"].Should().NotBeNull();
        log.ToJsonString().Should().NotContain("token").And.NotContain("Choose your password");
    }

    [Fact]
    public async Task Resend_SendsTheSameMessageAgain_UnderANewMessageId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var email = couple["partners"]![1]!["email"]!.GetValue<string>();
        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(1)}/invitation", null);
        var first = (await factory.Mail.WaitForAsync(email))[0];
        var admin = await factory.AdminAsync();
        var original = (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}"))["items"]![0]!;

        var copy = await admin.PostJsonAsync($"/api/admin/deliveries/{original.Id()}/resend", null);
        var second = (await factory.Mail.WaitForAsync(email, 2))[1];

        copy["resentFrom"]!.GetValue<Guid>().Should().Be(original.Id());
        second.MessageId.Should().Be($"{copy.Id():D}@harbour.test").And.NotBe(first.MessageId);
        second.TextBody.Should().Be(first.TextBody);
        var audit = await admin.GetJsonAsync("/api/admin/audit?action=admin.deliveries.resend&pageSize=100");
        audit["items"]!.AsArray().Should().Contain(e => e!["resourceId"]!.GetValue<Guid>() == original.Id());
    }

    [Fact]
    public async Task Resend_OfAPendingReminder_Is409_AndOfAnUnknownId404()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();
        await therapist.BookAsync(couple, factory.Local(10), "partner_a");
        var admin = await factory.AdminAsync();
        var reminder = (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(email)}&kind=appointment_reminder"))["items"]![0]!;

        var pending = await admin.PostAsync($"/api/admin/deliveries/{reminder.Id()}/resend");
        var unknown = await admin.PostAsync($"/api/admin/deliveries/{Guid.NewGuid()}/resend");

        reminder["status"]!.GetValue<string>().Should().Be("pending");
        pending.StatusCode.Should().Be(HttpStatusCode.Conflict);
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("status=lost", "status")]
    [InlineData("pageSize=500", "pageSize")]
    public async Task TheLog_WithBadFilters_Is400(string query, string field)
    {
        var response = await (await factory.AdminAsync()).GetAsync($"/api/admin/deliveries?{query}");

        (await response.ErrorFieldsAsync()).Should().Contain(field);
    }
}
