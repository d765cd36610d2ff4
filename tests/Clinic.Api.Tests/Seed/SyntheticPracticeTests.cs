using System.Text.Json;
using Clinic.Api.Features.Assessments;
using Clinic.Seed;
using Clinic.Seed.Synthetic;
using Clinic.Api.Tests.Infrastructure;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Clinic.Api.Tests.Seed;

public sealed class SyntheticPracticeTests(SeedingApiFactory factory) : IClassFixture<SeedingApiFactory>
{
    private const int Seed = 7;

    private Task LoadTinyAsync(int seed = Seed) => factory.SeedAsync("--synthetic", "--therapists", "2", "--couples-per-therapist", "3",
        "--sessions-per-couple", "4", "--seed", seed.ToString());

    [Fact]
    public async Task SyntheticTiny_LoadsTheExpectedRows_AndASecondLoadChangesNothing()
    {
        // A seed of its own: the other tests of this class share the database and load Seed.
        var before = await factory.RowCountsAsync();
        await LoadTinyAsync(seed: 11);
        var after = await factory.RowCountsAsync();
        await LoadTinyAsync(seed: 11);

        var added = after.ToDictionary(p => p.Key, p => p.Value - before.GetValueOrDefault(p.Key));
        added["users"].Should().Be(2);
        added["couples"].Should().Be(6);
        added["partners"].Should().Be(12);
        added["sessions"].Should().Be(24);
        added["cycle_records"].Should().Be(24);
        added["cycle_ratings"].Should().Be(48);
        added["assessments"].Should().Be(24, "two per partner");
        added["homework_assignments"].Should().Be(12, "two per couple");
        added["homework_entries"].Should().BeInRange(24, 48, "two to four per assignment");
        (await factory.RowCountsAsync()).Should().Equal(after);
    }

    [Fact]
    public async Task SyntheticTiny_RowsCarryTheIdsTheSeedDetermines()
    {
        await LoadTinyAsync();

        var couple = SyntheticPractice.Id(Seed, "couple", 1, 2);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM couples WHERE id = '{couple}' AND therapist_id = '{SyntheticPractice.Id(Seed, "therapist", 1)}'"))
            .Should().Be(1);
        (await factory.ScalarAsync<long>($"SELECT count(*) FROM sessions WHERE id = '{SyntheticPractice.Id(Seed, "session", 1, 2, 3)}' AND couple_id = '{couple}'"))
            .Should().Be(1);
    }

    [Fact]
    public void Generate_SameSeed_GivesTheSamePractice_AndAnotherSeedADifferentOne()
    {
        var instrument = factory.Services.GetRequiredService<InstrumentCatalogue>().Latest("ECR-RS")!;
        var today = new DateOnly(2026, 11, 22);
        string Snapshot(int seed) => JsonSerializer.Serialize(
            SyntheticModel.Generate(new SyntheticOptions(2, 3, 4, seed), today, instrument).Couples);

        Snapshot(Seed).Should().Be(Snapshot(Seed));
        Snapshot(Seed + 1).Should().NotBe(Snapshot(Seed));
    }

    [Fact]
    public async Task SyntheticTherapist_SignsIn_AndListsTheirCouplesThroughTheApi()
    {
        await LoadTinyAsync();
        var therapist = await factory.SignInAsync(SyntheticPractice.TherapistEmail(Seed, 0), SyntheticOptions.Password);

        var couples = await therapist.GetJsonAsync("/api/couples?pageSize=100");

        couples["total"]!.GetValue<int>().Should().Be(3);
        var first = couples["items"]![0]!["id"]!.GetValue<string>();
        var sessions = await therapist.GetJsonAsync($"/api/couples/{first}/sessions");
        sessions["total"]!.GetValue<int>().Should().Be(4);
        var session = await therapist.GetJsonAsync($"/api/sessions/{sessions["items"]![3]!["id"]!.GetValue<string>()}");
        session["cycle"]!["partners"]!.AsArray().Should().HaveCount(2);
        var assessments = await therapist.GetJsonAsync($"/api/couples/{first}/assessments");
        assessments["total"]!.GetValue<int>().Should().Be(4);
    }
}
