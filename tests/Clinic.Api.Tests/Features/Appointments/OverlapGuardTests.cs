using System.Net;
using Clinic.Api.Tests.Infrastructure;
using Npgsql;
using static Clinic.Api.Tests.Infrastructure.AppointmentBuilders;

namespace Clinic.Api.Tests.Features.Appointments;

/// <summary>
/// The double-booking rule held by the database (DESIGN §16): an exclusion constraint over each therapist's booked and
/// held time, leaving out the overlaps a therapist confirmed. The handlers' own check gives the readable 409 first.
/// </summary>
public sealed class OverlapGuardTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    [Fact]
    public async Task BookingsRacingForOneTime_ExactlyOneIsBooked_TheOthersAre409()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couples = new List<System.Text.Json.Nodes.JsonNode>();
        for (var i = 0; i < 6; i++) couples.Add(await therapist.CreateCoupleAsync("Alex" + i, "Sam" + i));
        var startsAt = factory.Local(9, "11:00");

        var responses = await Task.WhenAll(couples.Select(c => therapist.TryBookAsync(c, NewAppointment(startsAt))));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).Should().Be(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.Conflict).Should().Be(5);
        var booked = await factory.ScalarAsync<long>(
            $"SELECT count(*) FROM appointments WHERE therapist_id = '{therapist.UserId}' AND status = 'booked'");
        booked.Should().Be(1);
    }

    [Fact]
    public async Task TheDatabase_RefusesAnUnconfirmedOverlap_ButTakesAConfirmedOne_AndOneOverACancelledBooking()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var couple = await therapist.CreateCoupleAsync();
        var existing = await therapist.BookAsync(couple, factory.Local(8, "10:00"));
        var cancelled = await therapist.BookAsync(couple, factory.Local(8, "14:00"));
        await therapist.PatchAppointmentAsync(cancelled, new { version = cancelled.Version(), status = "cancelled" });

        var overlapping = () => InsertAsync(couple.Id(), therapist.UserId, factory.Local(8, "10:30"), confirmed: false);
        var confirmed = () => InsertAsync(couple.Id(), therapist.UserId, factory.Local(8, "10:30"), confirmed: true);
        var overCancelled = () => InsertAsync(couple.Id(), therapist.UserId, factory.Local(8, "14:00"), confirmed: false);
        var adjacent = () => InsertAsync(couple.Id(), therapist.UserId, factory.Local(8, "10:50"), confirmed: false);

        (await overlapping.Should().ThrowAsync<PostgresException>()).Which.ConstraintName.Should().Be("ex_appointments_therapist_time");
        await confirmed.Should().NotThrowAsync();
        await overCancelled.Should().NotThrowAsync();
        await adjacent.Should().NotThrowAsync("[10:00, 10:50) and [10:50, 11:40) do not meet");
        existing["status"]!.GetValue<string>().Should().Be("booked");
    }

    [Fact]
    public async Task AConfirmedOverlap_IsStoredAsConfirmed_AndMovingItClearOfTheOtherClearsTheMark()
    {
        var therapist = await factory.SignedInTherapistAsync();
        var first = await therapist.CreateCoupleAsync();
        var second = await therapist.CreateCoupleAsync("Kim", "Lee");
        await therapist.BookAsync(first, factory.Local(10, "09:00"));
        var clear = await therapist.BookAsync(second, factory.Local(10, "12:00")); // confirmOverlap sent, nothing overlapped
        var doubled = await therapist.BookAsync(second, factory.Local(10, "09:30"));

        var moved = await (await therapist.PatchAppointmentAsync(doubled,
            new { version = doubled.Version(), startsAt = factory.Local(10, "15:00") })).JsonAsync();

        (await MarkAsync(clear.Id())).Should().BeFalse("a confirmation for a time that overlaps nothing confirms nothing");
        (await MarkAsync(moved.Id())).Should().BeFalse();
        var again = await therapist.PatchAppointmentAsync(moved, new { version = moved.Version(), startsAt = factory.Local(10, "09:10") });
        again.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var confirmedAgain = await therapist.PatchAppointmentAsync(moved,
            new { version = moved.Version(), startsAt = factory.Local(10, "09:10"), confirmOverlap = true });
        confirmedAgain.StatusCode.Should().Be(HttpStatusCode.OK);
        (await MarkAsync(moved.Id())).Should().BeTrue();
    }

    private Task<bool> MarkAsync(Guid id) => factory.ScalarAsync<bool>($"SELECT overlap_confirmed FROM appointments WHERE id = '{id}'");

    private async Task InsertAsync(Guid coupleId, Guid therapistId, string local, bool confirmed)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO appointments (id, couple_id, therapist_id, starts_at, time_zone, duration_minutes, attendees, format, status,
                                      note_to_clients, sequence, created_at, created_by, changed_at, changed_by, overlap_confirmed)
            VALUES (gen_random_uuid(), $1, $2, $3, 'UTC', 50, 'both', 'in_person', 'booked', '', 0, now(), $2, now(), $2, $4)
            """, connection);
        command.Parameters.Add(new() { Value = coupleId });
        command.Parameters.Add(new() { Value = therapistId });
        command.Parameters.Add(new() { Value = DateTime.SpecifyKind(DateTime.Parse(local, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc) });
        command.Parameters.Add(new() { Value = confirmed });
        await command.ExecuteNonQueryAsync();
    }
}
