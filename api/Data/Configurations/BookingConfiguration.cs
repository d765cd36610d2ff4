using System.Text.Json;
using System.Text.Json.Serialization;
using Clinic.Api.Domain.Appointments;
using Clinic.Api.Domain.Booking;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clinic.Api.Data.Configurations;

internal sealed class AvailabilityConfiguration : IEntityTypeConfiguration<Availability>
{
    public void Configure(EntityTypeBuilder<Availability> builder)
    {
        builder.ToTable("therapist_availability");
        builder.HasKey(a => a.TherapistId);
        builder.Property(a => a.Weekly).HasColumnType("jsonb").HasConversion(JsonList<WeeklyHours>.Converter, JsonList<WeeklyHours>.Comparer);
        builder.Property(a => a.Exceptions).HasColumnType("jsonb").HasConversion(JsonList<DateHours>.Converter, JsonList<DateHours>.Comparer);
        builder.Property(a => a.TimeOff).HasColumnType("jsonb").HasConversion(JsonList<TimeOffPeriod>.Converter, JsonList<TimeOffPeriod>.Comparer);
        builder.Property(a => a.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(a => a.Settings);
        builder.Ignore(a => a.HasHours);
        builder.HasOne<User>().WithOne().HasForeignKey<Availability>(a => a.TherapistId);
    }
}

internal sealed class BookingRequestConfiguration : IEntityTypeConfiguration<BookingRequest>
{
    public void Configure(EntityTypeBuilder<BookingRequest> builder)
    {
        builder.ToTable("booking_requests");
        builder.Property(r => r.TimeZone).HasMaxLength(64);
        builder.Property(r => r.Kind).HasConversion(new SnakeCaseEnumConverter<BookingRequestKind>());
        builder.Property(r => r.Attendees).HasConversion(new SnakeCaseEnumConverter<Attendees>());
        builder.Property(r => r.Status).HasConversion(new SnakeCaseEnumConverter<BookingRequestStatus>());
        builder.Property(r => r.Version).IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        builder.Ignore(r => r.EndsAt);
        builder.Ignore(r => r.IsJoint);
        builder.HasOne<Couple>().WithMany().HasForeignKey(r => r.CoupleId);
        builder.HasOne<Partner>().WithMany().HasForeignKey(r => r.RequestedBy);
        builder.HasOne<Appointment>().WithMany().HasForeignKey(r => r.AppointmentId);
        builder.HasIndex(r => new { r.CoupleId, r.CreatedAt });
        builder.HasIndex(r => new { r.TherapistId, r.StartsAt });
        builder.HasIndex(r => r.AppointmentId);
    }
}

/// <summary>A list of small records stored as jsonb text, in the API's own spelling (camelCase, "monday", "09:00").</summary>
internal static class JsonList<T>
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static readonly ValueConverter<List<T>, string> Converter = new(
        v => JsonSerializer.Serialize(v, Options),
        v => JsonSerializer.Deserialize<List<T>>(v, Options) ?? new List<T>());

    public static readonly ValueComparer<List<T>> Comparer = new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
        v => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(v, Options), Options)!);

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TimeOnlyMinutesConverter());
        return options;
    }
}
