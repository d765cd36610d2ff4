using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Email;

/// <summary>Its own factory: it stops the class's SMTP server, which other classes must not feel.</summary>
public sealed class OutageFactory : EmailApiFactory;

public sealed class OutboxTests(OutageFactory factory) : IClassFixture<OutageFactory>
{
    [Fact]
    public async Task WhileTheSmtpServerIsDown_NothingIsLost_AndEachMessageArrivesOnceWhenItIsBack()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var emails = new[] { 0, 1 }.Select(i => couple["partners"]![i]!["email"]!.GetValue<string>()).ToList();
        await factory.Mail.StopAsync();

        foreach (var i in new[] { 0, 1 })
            await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(i)}/invitation", null);
        await therapist.BookAsync(couple, factory.Local(3));
        await Task.Delay(2500);
        var log = await Deliveries(emails[0]);
        factory.Mail.Start();

        log.Should().OnlyContain(d => d!["status"]!.GetValue<string>() == "pending" && d["attempts"]!.GetValue<int>() == 0,
            "an unreachable server costs a message nothing");
        foreach (var email in emails) await factory.Mail.WaitForAsync(email, 2);
        await Task.Delay(1000);
        foreach (var email in emails)
            factory.Mail.To(email).Select(m => m.MessageId).Should().HaveCount(2).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task EachMessagesMessageId_IsItsOutboxId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var email = couple["partners"]![0]!["email"]!.GetValue<string>();

        await therapist.PostJsonAsync($"/api/couples/{couple.Id()}/partners/{couple.PartnerId(0)}/invitation", null);
        var message = (await factory.Mail.WaitForAsync(email))[0];
        var logged = (await Deliveries(email)).Single()!;

        message.MessageId.Should().Be($"{logged["id"]!.GetValue<Guid>():D}@harbour.test");
        logged["status"]!.GetValue<string>().Should().Be("sent");
        logged["attempts"]!.GetValue<int>().Should().Be(1);
    }

    private async Task<List<System.Text.Json.Nodes.JsonNode?>> Deliveries(string recipient)
    {
        var admin = await factory.AdminAsync();
        return (await admin.GetJsonAsync($"/api/admin/deliveries?recipient={Uri.EscapeDataString(recipient)}&pageSize=100"))["items"]!
            .AsArray().ToList();
    }
}
