using System.Net;
using Clinic.Api.Tests.Features.Appointments;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.BookingBuilders;

namespace Clinic.Api.Tests.Features.Booking;

/// <summary>
/// DESIGN §4a and §16: while a safety flag is open or joint sessions are paused, no joint time is offered to the couple or
/// booked by them; the portal says only "please contact your therapist to book", never why. Individual times go on.
/// </summary>
public sealed class BookingSafetyTests(LondonPracticeFactory factory) : IClassFixture<LondonPracticeFactory>
{
    private const string ContactTherapist = "Please contact your therapist to book.";
    private static readonly DateOnly Monday = new(2027, 2, 1);

    [Fact]
    public async Task WhileAFlagIsOpen_NoJointTimeIsOffered_OrBooked_ButIndividualTimesAre()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 1, 29, 8, 0, 0, TimeSpan.Zero));
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours("09:00", "12:00"));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var askedBefore = await alex.AskForAsync(London(2027, 2, 2, 9));
        await therapist.RaiseFlagAsync(couple, alex);

        var joint = await sam.SlotsAsync(Monday, Monday.AddDays(7));
        var individual = await sam.SlotsAsync(Monday, Monday.AddDays(1), "partner_b");
        var ask = await alex.AskAsync(London(2027, 2, 1, 9));
        var confirm = await sam.ConfirmAsync(askedBefore);
        var alone = await sam.AskAsync(London(2027, 2, 1, 10), "partner_b");

        joint["available"]!.GetValue<bool>().Should().BeFalse();
        joint["message"]!.GetValue<string>().Should().Be(ContactTherapist);
        joint["slots"]!.AsArray().Should().BeEmpty();
        individual["available"]!.GetValue<bool>().Should().BeTrue();
        individual.TimesOn(Monday).Should().NotBeEmpty();
        foreach (var refused in new[] { ask, confirm })
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Conflict);
            var body = await refused.Content.ReadAsStringAsync();
            body.Should().Contain(ContactTherapist).And.NotContainEquivalentOf("safety").And.NotContainEquivalentOf("flag")
                .And.NotContainEquivalentOf("pause");
        }
        alone.StatusCode.Should().Be(HttpStatusCode.Created);
        (await therapist.CoupleAppointmentsAsync(couple)).AsArray().Select(a => a!["attendees"]!.GetValue<string>()).Should().Equal("partner_b");
    }

    [Fact]
    public async Task WhileJointSessionsArePaused_TheSameNeutralAnswer_AndTheTherapistMayStillApproveWithAnAuditedConfirmation()
    {
        factory.Clock.Set(new DateTimeOffset(2027, 1, 29, 8, 0, 0, TimeSpan.Zero));
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.SetHoursAsync(Hours("09:00", "12:00", autoApprove: false));
        var couple = await therapist.CreateCoupleAsync();
        var alex = await therapist.SignedInPartnerAsync(couple, 0);
        var sam = await therapist.SignedInPartnerAsync(couple, 1);
        var asked = await alex.AskForAsync(London(2027, 2, 1, 9));
        await sam.ConfirmAsync(asked);
        await therapist.PutRiskRecordAsync(couple, 0, SafetyBuilders.RiskRecord(paused: true));

        var slots = await alex.SlotsAsync(Monday, Monday.AddDays(7));
        var approve = await therapist.PostAsync($"/api/booking/requests/{asked.Id()}/approve");
        var confirmed = await therapist.PostAsync($"/api/booking/requests/{asked.Id()}/approve", new { confirmSafety = true });

        slots["message"]!.GetValue<string>().Should().Be(ContactTherapist);
        approve.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await approve.JsonAsync())["requiresSafetyConfirmation"]!.GetValue<bool>().Should().BeTrue();
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        var audit = await factory.AuditAsync(couple, "appointment.book.safety_confirmed");
        audit["items"]!.AsArray().Should().ContainSingle();
    }
}
