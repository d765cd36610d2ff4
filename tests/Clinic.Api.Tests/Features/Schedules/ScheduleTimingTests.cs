using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Clinic.Api.Tests.Features.Schedules;

/// <summary>A practice in London: its dates change at local midnight, an hour off UTC in summer and not in winter.</summary>
public sealed class LondonPracticeFactory : ClinicApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Practice:TimeZone", "Europe/London");
    }
}

/// <summary>Requests are made on their day in the practice's zone, across a daylight-saving change.</summary>
public sealed class ScheduleDaylightSavingTests : IAsyncLifetime
{
    private readonly LondonPracticeFactory _factory = new();

    public Task InitializeAsync() => _factory.InitializeAsync();

    public Task DisposeAsync() => _factory.DisposeAsync();

    private static DateOnly Day(int month, int day) => new(2026, month, day);

    [Fact]
    public async Task WeeklySchedule_AcrossTheOctoberClockChange_MakesEachRequestAtLocalMidnight()
    {
        // British Summer Time ends at 02:00 local on Sunday 25 October 2026 (UTC+1 → UTC+0).
        _factory.Clock.Set(new DateTimeOffset(2026, 10, 17, 12, 0, 0, TimeSpan.Zero));
        var (_, email) = await _factory.CreateTherapistAsync();
        var therapist = await _factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        var schedule = await therapist.ScheduleAsync(couple, 0, Day(10, 18), "CSI-4", everyWeeks: 1, count: 4);
        schedule["requests"]!.AsArray().Should().BeEmpty("it starts tomorrow");

        async Task<IEnumerable<DateOnly>> At(int month, int day, int hour, int minute)
        {
            _factory.Clock.Set(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));
            await _factory.RunScheduleRoundAsync();
            return (await _factory.ScheduledRequestsAsync(schedule.Id())).Select(r => r.Due);
        }

        // 23:30 UTC on the 17th is 00:30 on Sunday the 18th in London (BST): the first request is due.
        (await At(10, 17, 23, 30)).Should().Equal(Day(10, 18));
        // 22:30 UTC on the 24th is 23:30 on Saturday in London: not yet.
        (await At(10, 24, 22, 30)).Should().Equal(Day(10, 18));
        // 23:30 UTC on the 24th is 00:30 on the 25th, the day the clocks go back: due, though UTC is still on the 24th.
        (await At(10, 24, 23, 30)).Should().Equal(Day(10, 18), Day(10, 25));
        // After the change London is on UTC: 23:30 UTC on the 31st is still Saturday the 31st there. An offset kept
        // from summer would make it Sunday and ask an hour early.
        (await At(10, 31, 23, 30)).Should().Equal(Day(10, 18), Day(10, 25));
        (await At(11, 1, 0, 30)).Should().Equal(Day(10, 18), Day(10, 25), Day(11, 1));
    }

    [Fact]
    public async Task WeeklySchedule_AcrossTheMarchClockChange_MakesEachRequestAtLocalMidnight()
    {
        // British Summer Time begins at 01:00 UTC on Sunday 29 March 2026 (UTC+0 → UTC+1).
        _factory.Clock.Set(new DateTimeOffset(2026, 3, 21, 12, 0, 0, TimeSpan.Zero));
        var (_, email) = await _factory.CreateTherapistAsync();
        var therapist = await _factory.SignInAsync(email, Accounts.Password);
        var couple = await therapist.CreateCoupleAsync();
        var schedule = await therapist.ScheduleAsync(couple, 0, Day(3, 22), "PHQ-9", everyWeeks: 1, count: 4);

        async Task<IEnumerable<DateOnly>> At(int month, int day, int hour, int minute)
        {
            _factory.Clock.Set(new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.Zero));
            await _factory.RunScheduleRoundAsync();
            return (await _factory.ScheduledRequestsAsync(schedule.Id())).Select(r => r.Due);
        }

        (await At(3, 22, 0, 30)).Should().Equal(Day(3, 22));
        // Before the change London is on UTC: 23:30 UTC on Saturday the 28th is still Saturday there.
        (await At(3, 28, 23, 30)).Should().Equal(Day(3, 22));
        (await At(3, 29, 0, 30)).Should().Equal(Day(3, 22), Day(3, 29));
        // After it, 23:30 UTC on Saturday 4 April is 00:30 on Sunday the 5th in London: due, though UTC is still on the 4th.
        (await At(4, 4, 22, 30)).Should().Equal(Day(3, 22), Day(3, 29));
        (await At(4, 4, 23, 30)).Should().Equal(Day(3, 22), Day(3, 29), Day(4, 5));
    }
}

/// <summary>An app instance whose scheduler round can be switched on, optionally on another instance's database.</summary>
public sealed class InstanceFactory(string? sharedConnectionString, bool scheduler) : ClinicApiFactory
{
    protected override string? SharedConnectionString => sharedConnectionString;
    protected override bool SchedulerEnabled => scheduler;
}

/// <summary>Two app instances on one database make each scheduled request once.</summary>
public sealed class ScheduleTwoInstancesTests
{
    [Fact]
    public async Task RoundsRacingOnTwoInstances_MakeEachRequestOnce_AndTheUniqueKeyRefusesACopy()
    {
        await using var instances = await Instances.StartAsync(scheduler: false);
        var (a, b) = (instances.A, instances.B);
        var therapist = await a.SignedInTherapistAsync();
        var today = a.PracticeToday();
        var schedules = new List<Guid>();
        for (var i = 0; i < 3; i++)
            schedules.Add((await therapist.ScheduleAsync(await therapist.CreateCoupleAsync($"P{i}", $"Q{i}"), 0, today, "PHQ-9", everyWeeks: 1)).Id());
        a.Clock.Advance(TimeSpan.FromDays(7));
        b.Clock.Advance(TimeSpan.FromDays(7));

        var made = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => (i % 2 == 0 ? a : b).RunScheduleRoundAsync()));

        made.Sum().Should().Be(3, "three schedules owe one request each today");
        foreach (var id in schedules)
            (await a.ScheduledRequestsAsync(id)).Should().Equal((today, "missed"), (today.AddDays(7), "pending"));

        await using var connection = new NpgsqlConnection(a.ConnectionString);
        await connection.OpenAsync();
        await using var copy = new NpgsqlCommand("""
            INSERT INTO questionnaire_requests (id, couple_id, partner_id, instrument, requested_at, requested_by, share_results_with_client,
                                                status, schedule_id, due_on)
            SELECT gen_random_uuid(), couple_id, partner_id, instrument, now(), requested_by, false, 'pending', schedule_id, due_on
            FROM questionnaire_requests WHERE schedule_id = $1 AND due_on = $2
            """, connection);
        copy.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = schedules[0] });
        copy.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = today.AddDays(7) });
        var act = () => copy.ExecuteNonQueryAsync();
        (await act.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be(PostgresErrorCodes.UniqueViolation);
    }

    [Fact]
    public async Task BackgroundSchedulersOnTwoInstances_MakeTheDueRequestOnce()
    {
        await using var instances = await Instances.StartAsync(scheduler: true);
        var (a, b) = (instances.A, instances.B);
        var therapist = await a.SignedInTherapistAsync();
        var schedule = await therapist.ScheduleAsync(await therapist.CreateCoupleAsync(), 1, a.PracticeToday().AddDays(1), "GAD-7", everyWeeks: 2);
        schedule["requests"]!.AsArray().Should().BeEmpty();

        // Both instances' rounds run every second; tomorrow comes for both.
        a.Clock.Advance(TimeSpan.FromDays(1));
        b.Clock.Advance(TimeSpan.FromDays(1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await a.ScheduledRequestsAsync(schedule.Id())).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(200);
        // Several more rounds on each instance.
        await Task.Delay(TimeSpan.FromSeconds(4));

        (await a.ScheduledRequestsAsync(schedule.Id())).Should().ContainSingle().Which.Should().Be((a.PracticeToday(), "pending"));
    }

    /// <summary>Instance A owns a fresh database; B runs the same app on it.</summary>
    private sealed class Instances : IAsyncDisposable
    {
        public required InstanceFactory A { get; init; }
        public required InstanceFactory B { get; init; }

        public static async Task<Instances> StartAsync(bool scheduler)
        {
            var a = new InstanceFactory(null, scheduler);
            await a.InitializeAsync();
            var b = new InstanceFactory(a.ConnectionString, scheduler);
            await b.InitializeAsync();
            return new Instances { A = a, B = b };
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
        }
    }
}
