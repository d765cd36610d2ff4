using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Tests.Features.Homework;

/// <summary>A practice in Auckland (UTC+13 in November): its mornings are still yesterday in UTC.</summary>
public sealed class AucklandPracticeFactory : ClinicApiFactory
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Pacific/Auckland");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Practice:TimeZone", "Pacific/Auckland");
    }

    /// <summary>Moves the clock on to a moment when the practice's date is a day ahead of UTC's, and returns that date.</summary>
    public DateOnly AheadOfUtc()
    {
        for (var i = 0; i < 48; i++)
        {
            var now = Clock.GetUtcNow();
            var local = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone).DateTime);
            // An hour clear of midnight on either side, so the API sees the same dates as the test.
            var stable = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now.AddHours(1), Zone).DateTime) == local
                         && DateOnly.FromDateTime(now.AddHours(1).UtcDateTime) == DateOnly.FromDateTime(now.UtcDateTime);
            if (local > DateOnly.FromDateTime(now.UtcDateTime) && stable) return local;
            Clock.Advance(TimeSpan.FromHours(1));
        }
        throw new InvalidOperationException("Auckland is never ahead of UTC?");
    }
}

public sealed class PracticeTimeZoneTests(AucklandPracticeFactory factory) : IClassFixture<AucklandPracticeFactory>
{
    [Fact]
    public async Task SignIn_AndEachRefresh_TellTheWebAppThePracticesZone_SoEveryScreenWritesTimesInIt()
    {
        var client = factory.Anonymous();
        var login = await client.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var refresh = await client.RefreshAsync();

        (await login.JsonAsync())["practiceTimeZone"]!.GetValue<string>().Should().Be("Pacific/Auckland");
        (await refresh.JsonAsync())["practiceTimeZone"]!.GetValue<string>().Should().Be("Pacific/Auckland");
    }

    [Fact]
    public async Task SignIn_AndEachRefresh_TellTheWebAppThePracticesToday_NotUtcs()
    {
        var practiceToday = factory.AheadOfUtc();
        var client = factory.Anonymous();
        var login = await client.TryLoginAsync(ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword);
        var refresh = await client.RefreshAsync();

        (await login.JsonAsync())["practiceToday"]!.GetValue<string>().Should().Be(practiceToday.Iso());
        (await refresh.JsonAsync())["practiceToday"]!.GetValue<string>().Should().Be(practiceToday.Iso(), "UTC is still on yesterday");
    }

    [Fact]
    public async Task Entry_DatedThePracticesToday_IsAccepted_WhileUtcIsStillOnYesterday()
    {
        var practiceToday = factory.AheadOfUtc();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var homework = await therapist.AssignAsync(couple, "reach-out", "partner_a", 3, practiceToday.AddDays(-3), practiceToday.AddDays(10));
        var client = await therapist.SignedInPartnerAsync(couple, 0);

        var today = await client.PostEntryAsync(homework.Id(), HomeworkBuilders.ReachOutEntry(practiceToday));
        var tomorrow = await client.PostEntryAsync(homework.Id(), HomeworkBuilders.ReachOutEntry(practiceToday.AddDays(1)));

        today.StatusCode.Should().Be(HttpStatusCode.Created, "it is already that day where the practice and its clients are");
        (await tomorrow.ErrorFieldsAsync()).Should().Equal("occurredOn");
    }

    [Fact]
    public async Task Dashboards_CountFromThePracticesToday()
    {
        var practiceToday = factory.AheadOfUtc();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();

        var dashboard = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/dashboard");
        var caseload = await therapist.GetJsonAsync("/api/dashboard/caseload");

        dashboard["today"]!.GetValue<string>().Should().Be(practiceToday.Iso());
        caseload["today"]!.GetValue<string>().Should().Be(practiceToday.Iso());
    }

    [Fact]
    public async Task ClosingDate_AssessmentDates_AndQuestionnaireDates_AreThePractices()
    {
        var practiceToday = factory.AheadOfUtc();
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var client = await therapist.SignedInPartnerAsync(couple, 1);
        var request = await therapist.RequestQuestionnaireAsync(couple, 1);

        var recordedToday = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments",
            AssessmentBuilders.NewAssessment(couple.PartnerId(0), AssessmentBuilders.EcrRsAll(4), practiceToday.Iso()));
        var recordedTomorrow = await therapist.PostAsync($"/api/couples/{couple.Id()}/assessments",
            AssessmentBuilders.NewAssessment(couple.PartnerId(0), AssessmentBuilders.EcrRsAll(4), practiceToday.AddDays(1).Iso()));
        await client.AnswerQuestionnaireAsync(request, AssessmentBuilders.EcrRsAll(3));
        var assessments = (await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/assessments"))["items"]!.AsArray();
        var closed = await therapist.CloseCoupleAsync(await therapist.GetJsonAsync($"/api/couples/{couple.Id()}"));

        recordedToday.StatusCode.Should().Be(HttpStatusCode.Created);
        (await recordedTomorrow.ErrorFieldsAsync()).Should().Equal("administeredOn");
        assessments.Single(a => a!["source"]!.GetValue<string>() == "portal")!["administeredOn"]!.GetValue<string>()
            .Should().Be(practiceToday.Iso(), "a questionnaire answered this morning in Auckland was answered today");
        closed["closedOn"]!.GetValue<string>().Should().Be(practiceToday.Iso());
    }

    [Fact]
    public async Task UnknownTimeZone_StopsStartUp_NamingTheSetting()
    {
        var unknown = new UnknownZoneFactory();
        try
        {
            var start = () => unknown.InitializeAsync();

            (await start.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*Clinic:Practice:TimeZone*");
        }
        finally
        {
            await unknown.DisposeAsync();
        }
    }

    private sealed class UnknownZoneFactory : ClinicApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Clinic:Practice:TimeZone", "Mars/Olympus_Mons");
        }
    }
}
