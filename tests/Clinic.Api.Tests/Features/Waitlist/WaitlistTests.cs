using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.WaitlistBuilders;

namespace Clinic.Api.Tests.Features.Waitlist;

/// <summary>
/// The waitlist over HTTP (DESIGN §16, issue 32 item 7): a therapist's own list of couples waiting to start, with contact
/// details and preferences and never clinical detail; an offer emails both partners a single-use, expiring link, and
/// accepting it makes the couple in intake with the appointment booked — exactly once.
/// </summary>
public sealed class WaitlistTests(LondonEmailFactory factory) : IClassFixture<LondonEmailFactory>
{
    private static readonly DateTimeOffset Monday8am = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private async Task<(ApiClient Therapist, string Email)> TherapistAsync()
    {
        factory.Clock.Set(Monday8am);
        var (_, email) = await factory.CreateTherapistAsync();
        return (await factory.SignInAsync(email, Accounts.Password), email);
    }

    [Fact]
    public async Task AnEntry_IsListedLongestWaitFirst_EditedWithItsVersion_AndTheCaseloadCountsItsWait()
    {
        var (therapist, email) = await TherapistAsync();
        var first = await therapist.AddToWaitlistAsync();
        factory.Clock.Advance(TimeSpan.FromDays(3));
        therapist = await factory.SignInAsync(email, Accounts.Password); // three days on
        var second = await therapist.AddToWaitlistAsync(NewEntry("Jo", "Lee", urgency: "urgent"));

        var list = await therapist.GetJsonAsync("/api/waitlist");
        var caseload = await therapist.GetJsonAsync("/api/dashboard/caseload");
        var read = await therapist.GetJsonAsync($"/api/waitlist/{first.Id()}");
        var sentBack = await therapist.PatchAsync($"/api/waitlist/{first.Id()}", read);
        var edited = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/waitlist/{first.Id()}",
            new { version = read["version"]!.GetValue<uint>(), urgency = "urgent", notes = "Prefers video." });
        var stale = await therapist.PatchAsync($"/api/waitlist/{first.Id()}", new { version = read["version"]!.GetValue<uint>(), notes = "Late." });
        var removed = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Patch, $"/api/waitlist/{second.Id()}",
            new { version = second["version"]!.GetValue<uint>(), status = "removed" });
        var afterRemoval = await therapist.GetJsonAsync("/api/waitlist");
        var removedList = await therapist.GetJsonAsync("/api/waitlist?status=removed");

        first["status"]!.GetValue<string>().Should().Be("waiting");
        first["partnerA"]!["firstName"]!.GetValue<string>().Should().Be("Robin");
        first["preferredDays"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("tuesday", "thursday");
        first["preferredTimes"]!.AsArray().Select(d => d!.GetValue<string>()).Should().Equal("evening");
        first["reason"]!.GetValue<string>().Should().Be("Referred by their GP");
        list.AsArray().Select(e => e!.Id()).Should().Equal(first.Id(), second.Id());
        list[0]!["waitingDays"]!.GetValue<int>().Should().Be(3);
        caseload["waitlist"]!["count"]!.GetValue<int>().Should().Be(2);
        caseload["waitlist"]!["oldestWaitDays"]!.GetValue<int>().Should().Be(3);
        caseload["waitlist"]!["oldestAddedAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(Monday8am, TimeSpan.FromMinutes(1));
        caseload["waitlist"]!["url"]!.GetValue<string>().Should().Be("/waitlist");
        sentBack.StatusCode.Should().Be(HttpStatusCode.OK, "a GET's body sent back to its PATCH changes nothing");
        edited["urgency"]!.GetValue<string>().Should().Be("urgent");
        edited["notes"]!.GetValue<string>().Should().Be("Prefers video.");
        edited["reason"]!.GetValue<string>().Should().Be("Referred by their GP", "what is left out keeps its value");
        stale.StatusCode.Should().Be(HttpStatusCode.Conflict);
        removed["status"]!.GetValue<string>().Should().Be("removed");
        afterRemoval.AsArray().Select(e => e!.Id()).Should().Equal(first.Id());
        removedList.AsArray().Select(e => e!.Id()).Should().Equal(second.Id());
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM waitlist_entries WHERE id = '{second.Id()}'")).Should().Be(1, "nothing is deleted");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM audit_events WHERE action = 'waitlist.update' AND resource_id = '{first.Id()}'"))
            .Should().Be(2);
    }

    [Fact]
    public async Task BadInput_Is400NamingEachField()
    {
        var (therapist, _) = await TherapistAsync();
        var entry = await therapist.AddToWaitlistAsync();
        var missing = NewEntry();
        missing["partnerA"] = new { firstName = "", lastName = "Hale", email = "not-an-email" };
        missing["urgency"] = null;
        missing["reason"] = new string('x', 201);
        var sameEmails = NewEntry();
        sameEmails["partnerB"] = sameEmails["partnerA"];

        var add = await therapist.PostAsync("/api/waitlist", missing);
        var twins = await therapist.PostAsync("/api/waitlist", sameEmails);
        var noPartnerB = await therapist.PostAsync("/api/waitlist", new { partnerA = NewEntry()["partnerA"], urgency = "routine" });
        var badDay = await therapist.PostAsync("/api/waitlist", new { partnerA = NewEntry()["partnerA"], partnerB = NewEntry()["partnerB"],
            urgency = "routine", preferredDays = new[] { "someday" } });
        var noVersion = await therapist.PatchAsync($"/api/waitlist/{entry.Id()}", new { notes = "x" });
        var badStatus = await therapist.PatchAsync($"/api/waitlist/{entry.Id()}", new { version = entry["version"]!.GetValue<uint>(), status = "accepted" });
        var noTime = await therapist.PostAsync($"/api/waitlist/{entry.Id()}/offer", new { });
        var past = await therapist.OfferAsync(entry, "2027-02-20T10:00");
        var badStatusList = await therapist.GetAsync("/api/waitlist?status=soon");

        (await add.ErrorFieldsAsync()).Should().BeEquivalentTo("partnerA.firstName", "partnerA.email", "urgency", "reason");
        (await twins.ErrorFieldsAsync()).Should().Equal("partnerB.email");
        (await noPartnerB.ErrorFieldsAsync()).Should().Equal("partnerB");
        badDay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await noVersion.ErrorFieldsAsync()).Should().Equal("version");
        (await badStatus.ErrorFieldsAsync()).Should().Equal("status");
        (await noTime.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await past.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await badStatusList.ErrorFieldsAsync()).Should().Equal("status");
    }

    [Fact]
    public async Task AnotherTherapistsEntry_Is404_AndTheirListDoesNotShowIt_AndAClientMayNotCallIt()
    {
        var (owner, _) = await TherapistAsync();
        var entry = await owner.AddToWaitlistAsync();
        var (stranger, _) = await TherapistAsync();
        var couple = await owner.CreateCoupleAsync();
        var partner = await owner.SignedInPartnerAsync(couple, 0);

        var read = await stranger.GetAsync($"/api/waitlist/{entry.Id()}");
        var patch = await stranger.PatchAsync($"/api/waitlist/{entry.Id()}", new { version = entry["version"]!.GetValue<uint>(), notes = "Mine now." });
        var offer = await stranger.OfferAsync(entry, "2027-03-04T10:00");
        var list = await stranger.GetJsonAsync("/api/waitlist");
        var asClient = await partner.GetAsync("/api/waitlist");

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        patch.StatusCode.Should().Be(HttpStatusCode.NotFound);
        offer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        list.AsArray().Should().BeEmpty();
        asClient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await owner.GetJsonAsync($"/api/waitlist/{entry.Id()}"))["notes"]!.GetValue<string>().Should().Be("Evenings are easier; call before 18:00.");
    }

    [Fact]
    public async Task AnOffer_EmailsBothPartnersALink_WithTheTimeAndNoNameReasonOrNote()
    {
        var (therapist, _) = await TherapistAsync();
        var entry = await therapist.AddToWaitlistAsync(NewEntry(reason: "Arguments about money", notes: "Affair disclosed last year"));

        var offered = await therapist.OfferedAsync(entry, "2027-03-04T18:00");
        var toA = (await factory.OfferEmailsAsync(entry, "partnerA")).Single();
        var toB = (await factory.OfferEmailsAsync(entry, "partnerB")).Single();

        offered["status"]!.GetValue<string>().Should().Be("offered");
        offered["offer"]!["startsAt"]!.GetValue<string>().Should().Be("2027-03-04T18:00:00");
        offered["offer"]!["durationMinutes"]!.GetValue<int>().Should().Be(50, "the default joint length");
        offered["offer"]!["state"]!.GetValue<string>().Should().Be("valid");
        offered["offer"]!["expiresAt"]!.GetValue<DateTimeOffset>().Should().BeCloseTo(Monday8am.AddHours(48), TimeSpan.FromMinutes(1));
        foreach (var message in new[] { toA, toB })
        {
            message.Subject.Should().Be($"{EmailApiFactory.PracticeName} can offer you a first appointment");
            message.TextBody.Should().Contain("Thursday 4 March 2027 at 18:00 (Europe/London time)").And.Contain("50 minutes in person")
                .And.Contain(EmailApiFactory.PublicUrl + "/waitlist/accept?token=").And.Contain("works once");
            var everything = EmailPrivacy.WithoutRandomTokens(EmailPrivacy.Everything(message));
            foreach (var word in new[] { "Robin", "Kai", "Hale", "Moreno", "money", "Affair", "GP" })
                everything.Should().NotContain(word, "an offer names nobody and says nothing of why they wait");
            EmailPrivacy.AssertNothingClinical(message);
        }
        AcceptToken(toA).Should().Be(AcceptToken(toB), "either partner may accept for both");
    }

    [Fact]
    public async Task Accepting_MakesExactlyOneCoupleInIntake_WithTheAppointmentBooked_StartsIntake_AndTheLinkWorksOnce()
    {
        var (therapist, therapistEmail) = await TherapistAsync();
        await factory.PublishDocumentsAsync();
        var entry = await therapist.AddToWaitlistAsync();
        await therapist.OfferedAsync(entry, "2027-03-04T18:00", policy: "no_secrets");
        var token = AcceptToken((await factory.OfferEmailsAsync(entry)).Single());

        var check = await factory.Anonymous().PostAsync("/api/waitlist/offers/check", new { token });
        var answers = await Task.WhenAll(factory.AcceptOfferAsync(token), factory.AcceptOfferAsync(token));
        var again = await factory.AcceptOfferAsync(token);
        var checkAfter = await factory.Anonymous().PostAsync("/api/waitlist/offers/check", new { token });
        var read = await therapist.GetJsonAsync($"/api/waitlist/{entry.Id()}");
        var couples = await therapist.GetJsonAsync("/api/couples");
        var calendar = await therapist.GetJsonAsync("/api/appointments?from=2027-03-01&to=2027-03-08");

        (await check.JsonAsync())["startsAt"]!.GetValue<string>().Should().Be("2027-03-04T18:00:00");
        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1, "two clicks at once accept once");
        answers.Where(a => a.StatusCode != HttpStatusCode.OK).Select(a => a.StatusCode)
            .Should().AllSatisfy(s => s.Should().BeOneOf(HttpStatusCode.Conflict, HttpStatusCode.BadRequest));
        (await answers.Single(a => a.StatusCode == HttpStatusCode.OK).JsonAsync())["accepted"]!.GetValue<bool>().Should().BeTrue();
        (await again.ErrorFieldsAsync()).Should().Equal("token");
        (await again.ErrorMessageAsync("token")).Should().Contain("accepted already");
        (await checkAfter.ErrorFieldsAsync()).Should().Equal("token");
        read["status"]!.GetValue<string>().Should().Be("accepted");
        var coupleId = read["coupleId"]!.GetValue<Guid>();
        var couple = couples["items"]!.AsArray().Single()!;
        couple.Id().Should().Be(coupleId);
        couple["status"]!.GetValue<string>().Should().Be("intake");
        couple["displayName"]!.GetValue<string>().Should().Be("Robin & Kai");
        var appointment = calendar["items"]!.AsArray().Single()!;
        appointment["coupleId"]!.GetValue<Guid>().Should().Be(coupleId);
        appointment["startsAt"]!.GetValue<string>().Should().Be("2027-03-04T18:00:00");
        appointment["attendees"]!.GetValue<string>().Should().Be("both");
        appointment["status"]!.GetValue<string>().Should().Be("booked");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM couples WHERE therapist_id = '{therapist.UserId}'")).Should().Be(1);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM agreements WHERE couple_id = '{coupleId}'")).Should().Be(2,
            "intake sends the consent and the confidentiality policy");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM form_requests WHERE couple_id = '{coupleId}'")).Should().Be(2);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM safety_checks WHERE couple_id = '{coupleId}'")).Should().Be(2);
        (await factory.Mail.WaitForAsync(entry.PartnerEmail("partnerA"), match: m => m.Subject!.Contains("invitation"))).Should().ContainSingle();
        var booked = (await factory.Mail.WaitForAsync(entry.PartnerEmail("partnerB"), match: m => m.Subject!.StartsWith("Your appointment"))).Single();
        EmailPrivacy.Everything(booked).Should().Contain("BEGIN:VCALENDAR");
        (await factory.Mail.WaitForAsync(therapistEmail, match: m => m.Subject!.StartsWith("New booking"))).Single()
            .TextBody.Should().Contain("waitlist");
    }

    [Fact]
    public async Task ASecondOffer_ReplacesTheFirst_WhoseLinkStopsWorking()
    {
        var (therapist, _) = await TherapistAsync();
        var entry = await therapist.AddToWaitlistAsync();
        await therapist.OfferedAsync(entry, "2027-03-04T18:00");
        var firstToken = AcceptToken((await factory.OfferEmailsAsync(entry)).Single());

        var second = await therapist.OfferedAsync(entry, "2027-03-05T09:00");
        var secondToken = AcceptToken((await factory.OfferEmailsAsync(entry, count: 2))[1]);
        var first = await factory.AcceptOfferAsync(firstToken);
        var accepted = await factory.AcceptOfferAsync(secondToken);
        var calendar = await therapist.GetJsonAsync("/api/appointments?from=2027-03-01&to=2027-03-08");

        second["offer"]!["startsAt"]!.GetValue<string>().Should().Be("2027-03-05T09:00:00");
        (await first.ErrorFieldsAsync()).Should().Equal("token");
        accepted.StatusCode.Should().Be(HttpStatusCode.OK);
        calendar["items"]!.AsArray().Single()!["startsAt"]!.GetValue<string>().Should().Be("2027-03-05T09:00:00");
    }

    [Fact]
    public async Task AnOffer_Expires_After48Hours_AndThenMakesNothing()
    {
        var (therapist, email) = await TherapistAsync();
        var entry = await therapist.AddToWaitlistAsync();
        await therapist.OfferedAsync(entry, "2027-03-10T18:00");
        var token = AcceptToken((await factory.OfferEmailsAsync(entry)).Single());

        factory.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        therapist = await factory.SignInAsync(email, Accounts.Password); // two days on
        var accept = await factory.AcceptOfferAsync(token);
        var read = await therapist.GetJsonAsync($"/api/waitlist/{entry.Id()}");

        (await accept.ErrorFieldsAsync()).Should().Equal("token");
        (await accept.ErrorMessageAsync("token")).Should().Contain("expired");
        read["status"]!.GetValue<string>().Should().Be("waiting", "an expired offer leaves the couple waiting");
        read["offer"]!["state"]!.GetValue<string>().Should().Be("expired");
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM couples WHERE therapist_id = '{therapist.UserId}'")).Should().Be(0);
    }

    [Fact]
    public async Task ATimeTakenMeanwhile_Is409_AndMakesNothing_AndAnOverlappingOfferNeedsConfirming()
    {
        var (therapist, _) = await TherapistAsync();
        var entry = await therapist.AddToWaitlistAsync();
        await therapist.OfferedAsync(entry, "2027-03-04T18:00");
        var token = AcceptToken((await factory.OfferEmailsAsync(entry)).Single());
        var other = await therapist.CreateCoupleAsync("Nia", "Ola");
        await therapist.BookAsync(other, "2027-03-04T18:30");

        var accept = await factory.AcceptOfferAsync(token);
        var overlapping = await therapist.OfferAsync(entry, "2027-03-04T18:00");
        var confirmed = await therapist.OfferAsync(entry, "2027-03-04T18:00", new { startsAt = "2027-03-04T18:00", confirmOverlap = true });

        accept.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await accept.JsonAsync())["timeTaken"]!.GetValue<bool>().Should().BeTrue();
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM couples WHERE therapist_id = '{therapist.UserId}'")).Should().Be(1, "only Nia & Ola");
        overlapping.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await overlapping.JsonAsync())["requiresOverlapConfirmation"]!.GetValue<bool>().Should().BeTrue();
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ARetriedAdd_WithTheSameIdempotencyKey_AddsOneEntry()
    {
        var (therapist, _) = await TherapistAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = NewEntry();

        var tries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => therapist.PostAsync("/api/waitlist", body, key)));

        tries.Select(t => t.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM waitlist_entries WHERE therapist_id = '{therapist.UserId}'")).Should().Be(1);
    }
}
