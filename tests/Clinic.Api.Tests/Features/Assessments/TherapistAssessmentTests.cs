using System.Net;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Infrastructure.AssessmentBuilders;

namespace Clinic.Api.Tests.Features.Assessments;

public sealed class TherapistAssessmentTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task RecordAssessment_AllFours_ScoresFourAndFour_AndCountsTheMidpointAsSecure()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4));

        created["scores"]!.Number("avoidance").Should().Be(4);
        created["scores"]!.Number("anxiety").Should().Be(4);
        created.Text("quadrant").Should().Be("secure");
        created.Text("quadrantNote").Should().Contain("convention");
        created.Text("source").Should().Be("therapist");
        created.Text("instrument").Should().Be("ECR-RS");
        created["change"].Should().BeNull();
        created["responses"]!.AsObject().Select(p => p.Key).Should().Equal(Enumerable.Range(1, 9).Select(n => $"ecrrs-{n}"));
    }

    [Theory]
    // Items 1–4 reversed (8 − x): 7,7,7,7,2,1 → 1,1,1,1,2,1 → 7/6; anxiety (6+5+7)/3 = 6.
    [InlineData(new[] { 7, 7, 7, 7, 2, 1, 6, 5, 7 }, 7.0 / 6, 6.0, "preoccupied")]
    // 1,1,1,1 → 7,7,7,7; with 6 and 5 → 39/6 = 6.5; anxiety (2+3+1)/3 = 2.
    [InlineData(new[] { 1, 1, 1, 1, 6, 5, 2, 3, 1 }, 6.5, 2.0, "dismissing")]
    // Reverse-keyed items alone drive avoidance: 1,1,1,1 → 28, plus 1 and 1 → 30/6 = 5; anxiety 5.
    [InlineData(new[] { 1, 1, 1, 1, 1, 1, 5, 5, 5 }, 5.0, 5.0, "fearful")]
    [InlineData(new[] { 7, 7, 7, 7, 7, 7, 7, 7, 7 }, 3.0, 7.0, "preoccupied")]
    public async Task RecordAssessment_MixedAnswers_ScoreAsHandComputed(int[] answers, double avoidance, double anxiety, string quadrant)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var created = await therapist.RecordAssessmentAsync(couple, 1, EcrRs(answers));

        created["scores"]!.Number("avoidance").Should().BeApproximately(avoidance, 1e-9);
        created["scores"]!.Number("anxiety").Should().BeApproximately(anxiety, 1e-9);
        created.Text("quadrant").Should().Be(quadrant);
        created.Text("partnerId").Should().Be(couple.PartnerId(1).ToString());
    }

    public static TheoryData<string, string> BadResponses => new()
    {
        // missing ecrrs-3
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-3" },
        // out of range both ways
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":0,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-5" },
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":8,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-7" },
        // unknown item
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4,"ecrrs-10":4}""", "responses.ecrrs-10" },
        // the same key twice must not let the last answer silently win
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-2":6,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-2" },
        // keys differing only by case answer one item twice
        { """{"ecrrs-1":4,"ECRRS-1":5,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-1" },
        // not a whole number
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4.5,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":4}""", "responses.ecrrs-4" },
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":"seven","ecrrs-9":4}""", "responses.ecrrs-8" },
        { """{"ecrrs-1":4,"ecrrs-2":4,"ecrrs-3":4,"ecrrs-4":4,"ecrrs-5":4,"ecrrs-6":4,"ecrrs-7":4,"ecrrs-8":4,"ecrrs-9":null}""", "responses.ecrrs-9" },
    };

    [Theory]
    [MemberData(nameof(BadResponses))]
    public async Task RecordAssessment_WithABadItem_Returns400NamingThatItem_AndStoresNothing(string responses, string field)
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var body = $$"""{"partnerId":"{{couple.PartnerId(0)}}","instrument":"ECR-RS","administeredOn":"2026-11-09","responses":{{responses}}}""";

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", body);

        (await response.ErrorFieldsAsync()).Should().Equal(field);
        (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["total"]!.GetValue<int>().Should().Be(0);
    }

    [Fact]
    public async Task RecordAssessment_NamesEveryBadItemAtOnce()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var responses = EcrRsAll(4);
        responses.Remove("ecrrs-3");
        responses["ecrrs-6"] = 9;
        responses["ecrrs-99"] = 1;

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", NewAssessment(couple.PartnerId(0), responses));

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("responses.ecrrs-3", "responses.ecrrs-6", "responses.ecrrs-99");
    }

    [Fact]
    public async Task RecordAssessment_ForAPartnerOfAnotherCouple_Returns400PartnerId()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var other = await therapist.CreateCoupleAsync("Kim", "Lee");

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", NewAssessment(other.PartnerId(0), EcrRsAll(4)));

        (await response.ErrorFieldsAsync()).Should().Equal("partnerId");
    }

    [Fact]
    public async Task RecordAssessment_WithAnUnknownInstrument_Returns400Instrument()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments",
            NewAssessment(couple.PartnerId(0), EcrRsAll(4), instrument: "ECR-R"));

        (await response.ErrorFieldsAsync()).Should().Equal("instrument");
    }

    [Fact]
    public async Task RecordAssessment_WithoutRequiredFields_Returns400NamingThem()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", new { instrument = "ECR-RS" });

        (await response.ErrorFieldsAsync()).Should().BeEquivalentTo("partnerId", "administeredOn", "responses");
    }

    [Fact]
    public async Task SecondAssessment_ReportsChangeAndRci_FromTheSeedParameters()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var avoidanceRc = (await therapist.GetJsonAsync("/api/instruments")).AsArray().Single(i => i!.Text("code") == "ECR-RS")!["subscales"]!.AsArray()
            .Single(s => s!.Text("code") == "avoidance")!["reliableChange"]!;
        var (sd, r) = (avoidanceRc["sd"]!.Number("value"), avoidanceRc["reliability"]!.Number("value"));
        (sd, r).Should().Be((1.0, 0.65), "the test's hand computation assumes the seed's values");
        var sDiff = Math.Sqrt(2) * sd * Math.Sqrt(1 - r); // ≈ 0.8367

        await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4), "2026-10-05");
        // Avoidance 4 → 6 (items 1–4 at 2 reverse to 6; 5 and 6 at 6); anxiety 4 → 5.
        var second = await therapist.RecordAssessmentAsync(couple, 0, EcrRs(2, 2, 2, 2, 6, 6, 5, 5, 5), "2026-11-05");

        var change = second["change"]!;
        var avoidance = change["subscales"]!["avoidance"]!;
        avoidance.Number("previous").Should().Be(4);
        avoidance.Number("current").Should().Be(6);
        avoidance.Number("change").Should().Be(2);
        avoidance.Number("standardErrorOfDifference").Should().BeApproximately(0.8367, 1e-4).And.BeApproximately(sDiff, 1e-12);
        avoidance.Number("rci").Should().BeApproximately(2.390, 1e-3);
        avoidance["reliable"]!.GetValue<bool>().Should().BeTrue();
        avoidance.Text("direction").Should().Be("deteriorated");
        avoidance.Text("reading").Should().StartWith("This is a reliable increase in attachment avoidance (RCI 2.39).");
        avoidance["provisionalParameters"]!.GetValue<bool>().Should().BeTrue("the SD is marked not yet sourced");

        var anxiety = change["subscales"]!["anxiety"]!;
        anxiety.Number("change").Should().Be(1);
        anxiety.Number("rci").Should().BeApproximately(1.195, 1e-3);
        anxiety["reliable"]!.GetValue<bool>().Should().BeFalse();
        anxiety.Text("direction").Should().Be("none");
        anxiety.Text("reading").Should().StartWith("A change this size is within measurement noise.").And.Contain("provisional");
        change.Text("previousAdministeredOn").Should().Be("2026-10-05");
    }

    [Fact]
    public async Task ListAssessments_ShowsBothPartnersInDateOrder_WithChangeAgainstEachPartnersOwnPrevious()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        // Entered out of order: "previous" is by date administered, not by entry.
        var later = await therapist.RecordAssessmentAsync(couple, 0, EcrRs(2, 2, 2, 2, 6, 6, 4, 4, 4), "2026-11-10");
        var earlier = await therapist.RecordAssessmentAsync(couple, 0, EcrRsAll(4), "2026-10-01");
        var partnerB = await therapist.RecordAssessmentAsync(couple, 1, EcrRsAll(1), "2026-10-20");

        var list = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments");

        var items = list["items"]!.AsArray();
        list["total"]!.GetValue<int>().Should().Be(3);
        items.Select(i => i!.Id()).Should().Equal(earlier.Id(), partnerB.Id(), later.Id());
        items[0]!["change"].Should().BeNull();
        items[1]!["change"].Should().BeNull("partner B has no earlier assessment of their own");
        items[2]!["change"]!.Text("previousAssessmentId").Should().Be(earlier.Id().ToString());
        items[2]!["change"]!["subscales"]!["avoidance"]!.Number("change").Should().Be(2);
        items[1]!["scores"]!.Number("avoidance").Should().Be(5, "items 1–4 at 1 reverse to 7: (4·7 + 1 + 1) / 6");
        items[1]!["scores"]!.Number("anxiety").Should().Be(1);
    }

    [Fact]
    public async Task RecordAssessment_ForAClosedCouple_Returns409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        await therapist.CloseCoupleAsync(couple);

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments", NewAssessment(couple.PartnerId(0), EcrRsAll(4)));

        response.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RecordAssessment_DatedInTheFuture_Returns400AdministeredOn()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd");

        var response = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments",
            NewAssessment(couple.PartnerId(0), EcrRsAll(4), administeredOn: future));

        (await response.ErrorFieldsAsync()).Should().Equal("administeredOn");
    }

}
