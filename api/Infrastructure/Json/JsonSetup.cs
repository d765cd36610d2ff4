using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clinic.Api.Infrastructure.Json;

public static class JsonSetup
{
    /// <summary>The API's own options, for code that serializes as the endpoints do (<see cref="ReadOnlyMemberCheck"/>).</summary>
    public static readonly JsonSerializerOptions Options = Build();

    private static JsonSerializerOptions Build()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>camelCase, snake_case enum words, unknown request properties refused, no NUL in text, dates in 1900–2100.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new TimeOnlyMinutesConverter());
        // Issue 26: rules every body meets, whichever route reads it (SafeInput).
        options.Converters.Add(new NulFreeStringConverter());
        options.Converters.Add(new NulFreeJsonElementConverter());
        options.Converters.Add(new SupportedDateOnlyConverter());
        options.Converters.Add(new SupportedDateTimeConverter());
        options.Converters.Add(new SupportedDateTimeOffsetConverter());
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
