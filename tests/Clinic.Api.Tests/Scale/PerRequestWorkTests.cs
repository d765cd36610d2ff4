using System.Net;
using Clinic.Api.Features.Couples;
using Clinic.Api.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Clinic.Api.Tests.Scale;

/// <summary>
/// Work the hottest reads no longer repeat on every request (tests/bench/README.md), still giving the
/// answers they gave before.
/// </summary>
public sealed class PerRequestWorkTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public void Validators_AreBuiltOnce_NotPerRequest()
    {
        using var one = factory.Services.CreateScope();
        using var another = factory.Services.CreateScope();

        one.ServiceProvider.GetRequiredService<IValidator<ListCouplesQuery>>()
            .Should().BeSameAs(another.ServiceProvider.GetRequiredService<IValidator<ListCouplesQuery>>());
    }

    [Fact]
    public async Task ASharedValidator_StillNamesEachRequestsOwnBadField()
    {
        var therapist = await factory.SignedInTherapistAsync();

        var badSize = await therapist.GetAsync("/api/couples?pageSize=0");
        var badStatus = await therapist.GetAsync("/api/couples?status=divorced");

        badSize.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        badStatus.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await badSize.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Should().Equal("pageSize");
        (await badStatus.JsonAsync())["errors"]!.AsObject().Select(e => e.Key).Should().Equal("status");
    }

    [Fact]
    public async Task ThePageAfterTheLast_IsEmpty_AndStillCarriesTheTotal()
    {
        var therapist = await factory.SignedInTherapistAsync();
        await therapist.CreateCoupleAsync();
        await therapist.CreateCoupleAsync();

        var page = await therapist.GetJsonAsync("/api/couples?pageSize=1&page=5");

        page["items"]!.AsArray().Should().BeEmpty();
        page["total"]!.GetValue<int>().Should().Be(2);
    }
}
