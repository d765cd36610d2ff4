using Clinic.Api.Domain.Couples;

namespace Clinic.Api.Features.MyData;

/// <summary>Whose copy is being made: the signed-in partner and their couple (both partners loaded).</summary>
public sealed record MyDataCaller(Partner Me, Couple Couple)
{
    public Partner Other => Couple.Partners.Single(p => p.Id != Me.Id);
}

/// <summary>
/// One part of a partner's copy of their own data (<c>GET /api/portal/my-data</c>, the right of access). A feature
/// whose records a partner entered or was shown adds one class implementing this — registered by the assembly scan
/// in <see cref="MyDataModule"/>, nothing else to edit — and returns plain records (DTOs) serialised like the API's.
/// What it returns must be what the portal shows this partner: never a therapist's note, a risk record, or the other
/// partner's private data. <see cref="MyDataTests"/>-style tests should prove that for the new section.
/// </summary>
public interface IMyDataSection
{
    /// <summary>The JSON property name (camelCase) and the HTML section's anchor.</summary>
    string Key { get; }

    /// <summary>The section's heading in the readable page.</summary>
    string Title { get; }

    /// <summary>Where the section comes in the document; lower first.</summary>
    int Order { get; }

    /// <summary>The section's content; null or an empty list when there is nothing.</summary>
    Task<object?> CollectAsync(MyDataCaller caller, CancellationToken ct);
}
