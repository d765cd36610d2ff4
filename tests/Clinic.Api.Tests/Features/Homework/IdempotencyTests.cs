using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Homework;

public sealed class IdempotencyTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task LogEntry_RetriedWithTheSameKey_ReturnsTheFirstResult_AndStoresOneEntry()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var assignment = await therapist.AssignAsync(couple);
        var entry = HomeworkBuilders.ReachOutEntry(factory.Today());
        var key = Guid.NewGuid().ToString();

        var first = await alex.PostEntryAsync(assignment.Id(), entry, key);
        var retry = await alex.PostEntryAsync(assignment.Id(), entry, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        (await retry.Content.ReadAsStringAsync()).Should().Be(await first.Content.ReadAsStringAsync());
        retry.Headers.Location.Should().Be(first.Headers.Location);
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(1);
    }

    [Fact]
    public async Task LogEntry_TwoConcurrentPostsWithTheSameKey_StoreExactlyOneRow()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var assignment = await therapist.AssignAsync(couple);
        var entry = HomeworkBuilders.ReachOutEntry(factory.Today());

        for (var round = 0; round < 5; round++)
        {
            var key = Guid.NewGuid().ToString();
            var responses = await Task.WhenAll(
                alex.PostEntryAsync(assignment.Id(), entry, key), alex.PostEntryAsync(assignment.Id(), entry, key));

            responses.Select(r => r.StatusCode).Should().OnlyContain(s => s == HttpStatusCode.Created);
            var ids = await Task.WhenAll(responses.Select(async r => (await r.JsonAsync()).Id()));
            ids.Distinct().Should().HaveCount(1);
            (await factory.CountEntriesAsync(assignment.Id())).Should().Be(round + 1);
        }
    }

    [Fact]
    public async Task LogEntry_SameKeyDifferentBody_Returns409_AndStoresNothingNew()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var assignment = await therapist.AssignAsync(couple);
        var key = Guid.NewGuid().ToString();
        await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()), key);

        var reused = await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today(), "private"), key);

        reused.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await reused.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("different request");
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(1);
    }

    [Fact]
    public async Task LogEntry_KeysBelongToTheirUser_AndAFailedPostDoesNotUseUpTheKey()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var assignment = await therapist.AssignAsync(couple, assignedTo: "both");
        var key = Guid.NewGuid().ToString();
        var bad = new Dictionary<string, object?>(HomeworkBuilders.ReachOutFields()) { ["fearBefore"] = 99 };

        (await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today(), fields: bad), key))
            .StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var fixedUp = await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()), key);
        var samsOwn = await sam.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()), key);

        fixedUp.StatusCode.Should().Be(HttpStatusCode.Created);
        samsOwn.StatusCode.Should().Be(HttpStatusCode.Created);
        (await samsOwn.JsonAsync()).Id().Should().NotBe((await fixedUp.JsonAsync()).Id());
        (await factory.CountEntriesAsync(assignment.Id())).Should().Be(2);
        (await (await alex.PostEntryAsync(assignment.Id(), HomeworkBuilders.ReachOutEntry(factory.Today()), new string('k', 201)))
            .ErrorFieldsAsync()).Should().Equal("Idempotency-Key");
    }
}
