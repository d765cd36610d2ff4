using System.Net;
using System.Security.Claims;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Tests.Infrastructure;
using FluentValidation;
using Microsoft.AspNetCore.Http;
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

    [Fact]
    public async Task EachFilterShape_NumbersItsPageParametersAfterItsFilters()
    {
        var therapist = await factory.SignedInTherapistAsync();
        foreach (var (first, second) in new[] { ("Kim", "Ana"), ("Kim", "Bo"), ("Kim", "Cy"), ("Lee", "Dee") })
        {
            var couple = await therapist.CreateCoupleAsync(first, second);
            if (second != "Cy")
                await therapist.PatchAsync($"/api/couples/{couple.Id()}", new { version = couple["version"]!.GetValue<uint>(), status = "active" });
        }

        async Task<(int Total, string[] Names)> Page(string query)
        {
            var page = await therapist.GetJsonAsync("/api/couples?" + query);
            return (page["total"]!.GetValue<int>(), page["items"]!.AsArray().Select(c => c!["displayName"]!.GetValue<string>()).ToArray());
        }

        (await Page("pageSize=1&page=2")).Should().BeEquivalentTo((4, new[] { "Kim & Bo" }));
        (await Page("status=active&pageSize=1&page=3")).Should().BeEquivalentTo((3, new[] { "Lee & Dee" }));
        (await Page("search=kim&pageSize=2&page=2")).Should().BeEquivalentTo((3, new[] { "Kim & Cy" }));
        (await Page("search=kim&status=active&pageSize=1&page=2")).Should().BeEquivalentTo((2, new[] { "Kim & Bo" }));
    }

    [Fact]
    public void TheCurrentUser_IsReadAgain_WhenTheRequestsPrincipalIsReplaced()
    {
        static ClaimsPrincipal Principal(Guid id, string role) =>
            new(new ClaimsIdentity([new(ClinicClaims.Subject, id.ToString()), new(ClinicClaims.Role, role)], "test"));
        var context = new DefaultHttpContext();
        var user = new HttpCurrentUser(new HttpContextAccessor { HttpContext = context });
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();

        user.IsAuthenticated.Should().BeFalse();
        context.User = Principal(first, "therapist");
        (user.Id, user.Role, user.IsAuthenticated).Should().Be((first, "therapist", true));
        context.User = Principal(second, "client");
        (user.Id, user.Role).Should().Be((second, "client"));
    }

    [Theory]
    [InlineData("Host=db;Database=clinic", 0)]
    [InlineData("Host=db;Database=clinic;Maximum Pool Size=7", 7)]
    [InlineData("Host=db;Database=clinic;MaxPoolSize=50", 50)]
    public void EachPool_HoldsWhatTheInstanceCanKeepBusy_UnlessTheConnectionStringSaysOtherwise(string connectionString, int expected)
    {
        using var source = Api.Infrastructure.Startup.ServiceRegistration.DataSource(connectionString, "test");

        new Npgsql.NpgsqlConnectionStringBuilder(source.ConnectionString).MaxPoolSize.Should()
            .Be(expected == 0 ? Api.Infrastructure.Startup.ServiceRegistration.PoolSizePerCore * Environment.ProcessorCount : expected);
    }
}
