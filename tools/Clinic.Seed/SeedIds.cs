using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Clinic.Seed;

/// <summary>
/// Stable ids for seeded rows: a name-based (version 5 style) GUID from a readable key such as
/// "demo/couple/reed", so loading the same files again finds the same rows and changes nothing.
/// </summary>
public static class SeedIds
{
    public static Guid For(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes("clinic-seed:" + name));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50); // version 5
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// The domain factories mint random ids (right for the app); the seed replaces them with stable
    /// ones before the entity is tracked. Only ids and their foreign keys are touched, never a rule.
    /// </summary>
    public static T Stamp<T>(T entity, Guid id, string property = "Id") where T : class
    {
        var info = entity.GetType().GetProperty(property, BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException($"{entity.GetType().Name} has no property {property}.");
        info.SetValue(entity, id);
        return entity;
    }

    /// <summary>A seeded row's timestamp: the date at a time of day (09:00 unless given), in UTC.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly? time = null) =>
        new(date.ToDateTime(time ?? new TimeOnly(9, 0)), TimeSpan.Zero);
}
