using System.Text.Json;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Clinic.Api.Data;

/// <summary>Stores an enum as the same snake_case word the API speaks ("in_person", "partner_a").</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : ValueConverter<TEnum, string>(
    v => ToWire(v), v => FromWire(v))
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> ToWireMap =
        Enum.GetValues<TEnum>().ToDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));
    private static readonly Dictionary<string, TEnum> FromWireMap = ToWireMap.ToDictionary(p => p.Value, p => p.Key);

    public static string ToWire(TEnum value) => ToWireMap[value];
    public static TEnum FromWire(string value) => FromWireMap[value];
    public static bool TryFromWire(string value, out TEnum result) => FromWireMap.TryGetValue(value, out result);
}
