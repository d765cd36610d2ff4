using Clinic.Api.Domain;

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

    public static DomainRuleException Stale(string record) =>
        DomainRuleException.Conflict($"This {record} was changed since you read it. Reload to see the latest version, then try again.");
}
