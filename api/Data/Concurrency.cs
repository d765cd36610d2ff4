using Clinic.Api.Domain;
using FluentValidation;

namespace Clinic.Api.Data;

/// <summary>
/// The stale-write rule for every record a client updates with the version it read (couples, sessions,
/// homework, risk records): a version other than the stored one is a 409 now, and the row version guards
/// the race between this check and the write.
/// </summary>
public static class Concurrency
{
    /// <param name="record">What the client would call it, for the message ("couple", "risk record").</param>
    public static void ExpectVersion<TEntity>(this ClinicDbContext db, TEntity entity, uint? read, string record) where TEntity : class
    {
        var version = db.Entry(entity).Property<uint>("Version");
        if (read is not { } sent || version.CurrentValue != sent) throw Stale(record);
        version.OriginalValue = sent;
    }

    /// <summary>
    /// The request half of the same rule: an update sends the version it read, or it is a 400 naming
    /// <c>version</c> before anything is loaded. <paramref name="firstSave"/> says what to send when there is nothing to read yet.
    /// </summary>
    public static IRuleBuilderOptions<T, TVersion?> VersionRead<T, TVersion>(this IRuleBuilder<T, TVersion?> rule,
        string? firstSave = null) where TVersion : struct =>
        rule.NotNull().WithMessage($"Send the version you read{(firstSave is null ? "" : $" ({firstSave})")}, so a stale write can be detected.");

    public static DomainRuleException Stale(string record) =>
        DomainRuleException.Conflict($"This {record} was changed since you read it. Reload to see the latest version, then try again.");
}
