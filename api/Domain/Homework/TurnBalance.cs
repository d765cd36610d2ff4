namespace Clinic.Api.Domain.Homework;

/// <param name="NeedingShare">Needing ÷ all entries for this partner; 0.5 is balanced; null with no entries.</param>
public sealed record TurnBalanceShare(Guid PartnerId, int Needing, int Supporting, double? NeedingShare);

/// <summary>
/// Who leans and who is leaned on (DESIGN §4). The caller passes the couple's
/// <c>taking-turns</c> entries for the window; other exercises fix the role by design and
/// would skew the share.
/// </summary>
public static class TurnBalance
{
    public static IReadOnlyList<TurnBalanceShare> Compute(IEnumerable<EntryFact> entries, IEnumerable<Guid> partners)
    {
        var all = entries.ToList();
        return partners.Select(partner =>
        {
            var needing = all.Count(e => e.PartnerId == partner && e.Role == EntryRole.Needing);
            var supporting = all.Count(e => e.PartnerId == partner && e.Role == EntryRole.Supporting);
            var total = needing + supporting;
            return new TurnBalanceShare(partner, needing, supporting, total == 0 ? null : (double)needing / total);
        }).ToList();
    }
}
