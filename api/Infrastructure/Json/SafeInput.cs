using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Clinic.Api.Infrastructure.Errors;

namespace Clinic.Api.Infrastructure.Json;

/// <summary>
/// Input rules that hold for every route at once (issue 26), so a route added later is covered without
/// a check of its own: no NUL character in any string (PostgreSQL cannot store one in text, and it was
/// a 500), and every date between 1900 and 2100 (beyond, the arithmetic on it overflowed into 500s).
/// Bodies meet them in the JSON converters below; query strings in <see cref="CheckQuery"/>.
/// </summary>
public static partial class SafeInput
{
    public static readonly DateOnly First = new(1900, 1, 1);
    public static readonly DateOnly Last = new(2100, 12, 31);
    public const string NulMessage = "Text may not contain a NUL character (\\u0000).";
    public static readonly string RangeMessage = $"Give a date between {First:yyyy-MM-dd} and {Last:yyyy-MM-dd}.";

    public static bool InRange(int year) => year >= First.Year && year <= Last.Year;

    /// <summary>A NUL in any query value, or a date-like value out of range: 400 naming the parameter.</summary>
    public static void CheckQuery(IQueryCollection query)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var (key, values) in query)
            foreach (var value in values)
            {
                if (value is null) continue;
                string? message = null;
                if (value.Contains('\0') || key.Contains('\0')) message = NulMessage;
                else if (LeadingDate().Match(value) is { Success: true } date &&
                         (!int.TryParse(date.Groups[1].ValueSpan, CultureInfo.InvariantCulture, out var year) || !InRange(year)))
                    message = RangeMessage;
                if (message is null) continue;
                errors ??= new(StringComparer.Ordinal);
                var name = key.Replace("\0", "", StringComparison.Ordinal);
                errors[name.Length == 0 ? "query" : char.ToLowerInvariant(name[0]) + name[1..]] = [message];
            }
        if (errors is not null) throw new FieldValidationException(errors);
    }

    [GeneratedRegex(@"^\s*([+-]?\d{4,})-\d{1,2}-\d{1,2}")]
    private static partial Regex LeadingDate();
}

/// <summary>A JSON value refused with a message meant for the client; the problem's field is its JSON path.</summary>
public sealed class InputRuleException(string message) : JsonException(message);

public sealed class NulFreeStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException();
        var value = reader.GetString()!;
        return value.Contains('\0') ? throw new InputRuleException(SafeInput.NulMessage) : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

/// <summary>Free-form answers (check-in, homework fields) arrive as JsonElement: the same NUL rule for every string inside.</summary>
public sealed class NulFreeJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (HasNul(document.RootElement)) throw new InputRuleException(SafeInput.NulMessage);
        return document.RootElement.Clone();
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    private static bool HasNul(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Contains('\0'),
        JsonValueKind.Array => element.EnumerateArray().Any(HasNul),
        JsonValueKind.Object => element.EnumerateObject().Any(p => p.Name.Contains('\0') || HasNul(p.Value)),
        _ => false,
    };
}

public sealed class SupportedDateOnlyConverter : JsonConverter<DateOnly>
{
    public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String ||
            !DateOnly.TryParseExact(reader.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw new JsonException();
        return SafeInput.InRange(date.Year) ? date : throw new InputRuleException(SafeInput.RangeMessage);
    }

    public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}

public sealed class SupportedDateTimeConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTime(out var value)) throw new JsonException();
        return SafeInput.InRange(value.Year) ? value : throw new InputRuleException(SafeInput.RangeMessage);
    }

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}

public sealed class SupportedDateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String || !reader.TryGetDateTimeOffset(out var value)) throw new JsonException();
        return SafeInput.InRange(value.Year) ? value : throw new InputRuleException(SafeInput.RangeMessage);
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
