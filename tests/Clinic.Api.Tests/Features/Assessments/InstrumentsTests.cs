using System.Net;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Features.Assessments;

public sealed class InstrumentsTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task ListInstruments_ServesEcrRsFromTheSeed_WithKeysSourcesAndTheUnsourcedMarker()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var instruments = (await therapist.GetJsonAsync("/api/instruments")).AsArray();

        var ecr = instruments.Single(i => i!.Text("code") == "ECR-RS")!;
        ecr["version"]!.GetValue<int>().Should().Be(1);
        ecr.Text("citation").Should().Contain("Fraley").And.Contain("Psychological Assessment");
        ecr["scale"]!["min"]!.GetValue<int>().Should().Be(1);
        ecr["scale"]!["max"]!.GetValue<int>().Should().Be(7);
        ecr["scale"]!["anchors"]!.AsArray().Select(a => a!.Text("label")).Should().HaveCount(7).And.Contain("Strongly agree");
        var items = ecr["items"]!.AsArray();
        items.Select(i => i!.Text("id")).Should().Equal(Enumerable.Range(1, 9).Select(n => $"ecrrs-{n}"));
        items.Where(i => i!["reverse"]!.GetValue<bool>()).Select(i => i!.Text("id")).Should().Equal("ecrrs-1", "ecrrs-2", "ecrrs-3", "ecrrs-4");
        items[0]!.Text("text").Should().Be("It helps to turn to this person in times of need.");
        items.Where(i => i!.Text("subscale") == "anxiety").Select(i => i!.Text("id")).Should().Equal("ecrrs-7", "ecrrs-8", "ecrrs-9");

        foreach (var subscale in ecr["subscales"]!.AsArray())
        {
            var rc = subscale!["reliableChange"]!;
            rc["reliability"]!.Number("value").Should().Be(0.65);
            rc["reliability"]!["sourced"]!.GetValue<bool>().Should().BeTrue();
            rc["reliability"]!.Text("source").Should().Contain("Fraley");
            rc["sd"]!["sourced"]!.GetValue<bool>().Should().BeFalse();
            rc["sd"]!.Text("note").Should().Contain("Not yet sourced");
        }
        ecr["quadrant"]!.Text("note").Should().Contain("convention, not a diagnosis");
    }

    [Fact]
    public async Task ListInstruments_IsReadableByClients_NotByAdmins_NorAnonymously()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        (await client.GetJsonAsync("/api/instruments")).AsArray().Select(i => i!.Text("code"))
            .Should().BeEquivalentTo("CSI-4", "CSI-16", "ECR-RS", "GAD-7", "PHQ-9");
        (await (await factory.AdminAsync()).GetAsync("/api/instruments")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.Anonymous().GetAsync("/api/instruments")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
