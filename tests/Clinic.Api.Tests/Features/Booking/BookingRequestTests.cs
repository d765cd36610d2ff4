using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Features.Appointments;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.BookingBuilders;

namespace Clinic.Api.Tests.Features.Booking;

/// <summary>
/// Booking requests over HTTP (DESIGN §16): a joint time waits for the other partner, then is booked at once or waits for
/// the therapist; requests expire after 48 hours; a time taken meanwhile is a 409 for whoever is second, and of two
/// couples racing for one time exactly one is booked.
/// </summary>
public sealed class BookingRequestTests(LondonPracticeFactory factory) : IClassFixture<LondonPracticeFactory>
{
    private static readonly DateOnly Monday = new(2027, 2, 1);
    private static readonly DateTimeOffset NineOClock = London(2027, 2, 1, 9);

    private async Task<(ApiClient Therapist, JsonNode Couple, ApiClient Alex, ApiClient Sam)> PracticeAsync(bool autoApprove = true)
    {
        factory.Clock.Set(new DateTimeOffset(2027, 1, 29, 8, 0, 0, TimeSpan.Zero));
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours("09:00", "12:00", autoApprove: autoApprove));
        var couple = await therapist.CreateCoupleAsync();
        return (therapist, couple, await therapist.SignedInPartnerAsync(couple, 0), await therapist.SignedInPartnerAsync(couple, 1));
    }

    [Fact]
    public async Task AJointTime_WaitsForTheOtherPartner_ThenIsBooked_AndTheTherapistSeesItInTheCalendar()
    {
        var (therapist, couple, alex, sam) = await PracticeAsync();
        var newsForSam = $"SELECT count(*) FROM outbox_messages WHERE kind = 'portal_news' AND partner_id = '{couple.PartnerId(1)}'";
        var newsBefore = await factory.ScalarAsync<long>(newsForSam);

        var asked = await alex.AskForAsync(NineOClock);
        var waiting = await sam.GetJsonAsync("/api/portal/booking/requests");
        var calendarBefore = await therapist.GetJsonAsync("/api/appointments?from=2027-02-01&to=2027-02-08");
        var confirmed = await sam.ConfirmAsync(asked);
        var booked = await confirmed.JsonAsync();
        var calendar = await therapist.GetJsonAsync("/api/appointments?from=2027-02-01&to=2027-02-08");
        var portal = await alex.GetJsonAsync("/api/portal/appointments");
        var slotsAfter = await alex.SlotsAsync(Monday, Monday.AddDays(1));

        asked.Status().Should().Be("awaiting_partner");
        asked["requestedByMe"]!.GetValue<bool>().Should().BeTrue();
        asked["partnerAConfirmed"]!.GetValue<bool>().Should().BeTrue();
        asked["partnerBConfirmed"]!.GetValue<bool>().Should().BeFalse();
        asked["startsAt"]!.GetValue<string>().Should().Be("2027-02-01T09:00:00");
        asked["durationMinutes"]!.GetValue<int>().Should().Be(50);
        var forSam = waiting.AsArray().Single()!;
        forSam["waitingForMe"]!.GetValue<bool>().Should().BeTrue();
        forSam["requestedByMe"]!.GetValue<bool>().Should().BeFalse();
        calendarBefore["items"]!.AsArray().Should().BeEmpty("nothing is booked until both partners agree");
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        booked.Status().Should().Be("booked");
        var appointment = calendar["items"]!.AsArray().Single()!;
        appointment.Id().Should().Be(booked["appointmentId"]!.GetValue<Guid>());
        appointment["attendees"]!.GetValue<string>().Should().Be("both");
        appointment["startsAt"]!.GetValue<string>().Should().Be("2027-02-01T09:00:00");
        appointment["coupleId"]!.GetValue<Guid>().Should().Be(couple.Id());
        portal.AsArray().Select(a => a!.Id()).Should().Equal(appointment.Id());
        slotsAfter.TimesOn(Monday).Should().Equal(["10:00", "11:00"], "the booked time is no longer offered");
        (await factory.ScalarAsync<long>(newsForSam)).Should().Be(newsBefore + 1, "the other partner hears there is something new in their portal");
    }

    [Fact]
    public async Task WithoutAutoApproval_AnAgreedTimeWaitsForTheTherapist_WhoApprovesOrDeclines()
    {
        var (therapist, couple, alex, sam) = await PracticeAsync(autoApprove: false);
        var first = await alex.AskForAsync(NineOClock);
        await sam.ConfirmAsync(first);
        var second = await sam.AskForAsync(London(2027, 2, 1, 11), "partner_b"); // an individual time needs no one else

        var list = await therapist.GetJsonAsync("/api/booking/requests?status=awaiting_therapist");
        var approved = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/booking/requests/{first.Id()}/approve");
        var declined = await therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/booking/requests/{second.Id()}/decline");
        var again = await therapist.PostAsync($"/api/booking/requests/{second.Id()}/approve");
        var samsView = await sam.GetJsonAsync("/api/portal/booking/requests");

        second.Status().Should().Be("awaiting_therapist");
        list.AsArray().Select(r => r!.Id()).Should().Equal(first.Id(), second.Id());
        list[0]!["coupleDisplayName"]!.GetValue<string>().Should().Be("Alex & Sam");
        list[0]!["requestedBy"]!.GetValue<string>().Should().Be("partner_a");
        approved.Status().Should().Be("booked");
        declined.Status().Should().Be("declined");
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        samsView.AsArray().Single(r => r!.Id() == second.Id())!.Status().Should().Be("declined");
        (await therapist.CoupleAppointmentsAsync(couple)).AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task APartner_MayDeclineATimeAskedOfThem_OrTakeBackTheirOwn_AndAnIndividualTimeOfTheOtherPartnerIs404()
    {
        var (therapist, _, alex, sam) = await PracticeAsync();
        var joint = await alex.AskForAsync(NineOClock);
        var own = await alex.AskForAsync(London(2027, 2, 2, 10));
        var alexAlone = await alex.AskForAsync(London(2027, 2, 3, 10), "partner_a");

        var declined = await sam.PostAsync($"/api/portal/booking/requests/{joint.Id()}/decline");
        var takenBack = await alex.PostAsync($"/api/portal/booking/requests/{own.Id()}/decline");
        var notSams = await sam.PostAsync($"/api/portal/booking/requests/{alexAlone.Id()}/confirm");
        var confirmDeclined = await sam.ConfirmAsync(joint);
        var samsList = await sam.GetJsonAsync("/api/portal/booking/requests");

        (await declined.JsonAsync()).Status().Should().Be("declined");
        (await takenBack.JsonAsync()).Status().Should().Be("declined");
        notSams.StatusCode.Should().Be(HttpStatusCode.NotFound);
        confirmDeclined.StatusCode.Should().Be(HttpStatusCode.Conflict);
        alexAlone.Status().Should().Be("booked", "an individual time is agreed by asking, and this therapist approves automatically");
        samsList.AsArray().Select(r => r!.Id()).Should().NotContain(alexAlone.Id());
        (await therapist.GetJsonAsync("/api/booking/requests")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ARequestUnansweredFor48Hours_Expires()
    {
        var (_, couple, alex, _) = await PracticeAsync();
        var asked = await alex.AskForAsync(London(2027, 2, 3, 10));

        factory.Clock.Advance(TimeSpan.FromHours(48) + TimeSpan.FromMinutes(1));
        // Two days on, both partners sign in again.
        alex = await factory.SignInAsync(couple["partners"]![0]!["email"]!.GetValue<string>(), Accounts.Password);
        var sam = await factory.SignInAsync(couple["partners"]![1]!["email"]!.GetValue<string>(), Accounts.Password);
        var confirm = await sam.ConfirmAsync(asked);
        var list = await alex.GetJsonAsync("/api/portal/booking/requests");

        confirm.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await confirm.JsonAsync())["detail"]!.GetValue<string>().Should().Contain("expired");
        list.AsArray().Single()!.Status().Should().Be("expired");
    }

    [Fact]
    public async Task ATimeTakenMeanwhile_Is409ForWhoeverIsSecond_AndATimeNotOffered400()
    {
        var (therapist, _, alex, sam) = await PracticeAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");
        var kim = await therapist.SignedInPartnerAsync(other, 0);
        var lee = await therapist.SignedInPartnerAsync(other, 1);
        var ours = await alex.AskForAsync(NineOClock);
        var theirs = await kim.AskForAsync(NineOClock);

        var first = await lee.ConfirmAsync(theirs);
        var second = await sam.ConfirmAsync(ours);
        var askAgain = await alex.AskAsync(NineOClock);
        var outsideHours = await alex.AskAsync(London(2027, 2, 1, 13));
        var offGrid = await alex.AskAsync(London(2027, 2, 1, 9, 2));
        var tooSoon = await alex.AskAsync(London(2027, 1, 29, 11));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await second.JsonAsync())["timeTaken"]!.GetValue<bool>().Should().BeTrue();
        askAgain.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await outsideHours.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await offGrid.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await tooSoon.ErrorFieldsAsync()).Should().Equal("startsAt");
        (await sam.GetJsonAsync("/api/portal/booking/requests")).AsArray().Single()!.Status().Should().Be("awaiting_partner",
            "the refused confirmation changed nothing");
    }

    [Fact]
    public async Task TwoPartnersOfTwoCouples_RacingForOneTime_ExactlyOneAppointmentIsMade()
    {
        var (therapist, _, _, _) = await PracticeAsync();
        var racers = new List<(ApiClient Asker, ApiClient Confirmer, JsonNode Request)>();
        for (var i = 0; i < 4; i++)
        {
            var couple = await therapist.CreateCoupleAsync("Ana" + i, "Ben" + i);
            var asker = await therapist.SignedInPartnerAsync(couple, 0);
            racers.Add((asker, await therapist.SignedInPartnerAsync(couple, 1), await asker.AskForAsync(London(2027, 2, 2, 10))));
        }

        var answers = await Task.WhenAll(racers.Select(r => r.Confirmer.ConfirmAsync(r.Request)));

        answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
        answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(3);
        var booked = await factory.ScalarAsync<long>(
            $"SELECT count(*) FROM appointments WHERE therapist_id = '{therapist.UserId}' AND starts_at = '2027-02-02T10:00:00Z'");
        booked.Should().Be(1);
    }

    [Fact]
    public async Task ARetriedAsk_WithTheSameIdempotencyKey_MakesOneRequest_AndACoupleMayHaveThreeWaiting()
    {
        var (_, couple, alex, _) = await PracticeAsync();
        var key = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        var body = new { startsAt = NineOClock, attendees = "both" };

        var tries = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => alex.PostAsync("/api/portal/booking/requests", body, key)));
        await alex.AskForAsync(London(2027, 2, 2, 9));
        await alex.AskForAsync(London(2027, 2, 3, 9));
        var fourth = await alex.AskAsync(London(2027, 2, 4, 9));

        tries.Select(t => t.StatusCode).Should().AllBeEquivalentTo(HttpStatusCode.Created);
        (await Task.WhenAll(tries.Select(t => t.JsonAsync()))).Select(j => j.Id()).Distinct().Should().ContainSingle();
        fourth.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var stored = await factory.ScalarAsync<long>($"SELECT count(*) FROM booking_requests WHERE couple_id = '{couple.Id()}'");
        stored.Should().Be(3);
    }

    [Fact]
    public async Task AnotherTherapistsRequest_Is404_AndAClientMayNotUseTheTherapistsRoutes()
    {
        var (_, _, alex, sam) = await PracticeAsync(autoApprove: false);
        var asked = await alex.AskForAsync(NineOClock);
        await sam.ConfirmAsync(asked);
        var stranger = await factory.SignedInTherapistAsync();

        var approve = await stranger.PostAsync($"/api/booking/requests/{asked.Id()}/approve");
        var list = await stranger.GetJsonAsync("/api/booking/requests");
        var asClient = await alex.GetAsync("/api/booking/requests");

        approve.StatusCode.Should().Be(HttpStatusCode.NotFound);
        list.AsArray().Should().BeEmpty();
        asClient.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
