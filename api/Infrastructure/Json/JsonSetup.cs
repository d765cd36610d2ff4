using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clinic.Api.Infrastructure.Json;

public static class JsonSetup
{
    /// <summary>camelCase, snake_case enum words, and unknown request properties refused.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TimeOnlyMinutesConverter());
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }
}

/// <summary>Times travel as "HH:mm", as a clinician writes them.</summary>
public sealed class TimeOnlyMinutesConverter : JsonConverter<TimeOnly>
{
    public override TimeOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && TimeOnly.TryParseExact(reader.GetString(), ["HH:mm", "HH:mm:ss"],
            System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
            ? time
            : throw new JsonException("Expected a time as HH:mm.");

    public override void Write(Utf8JsonWriter writer, TimeOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
}
