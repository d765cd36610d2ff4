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
    /// <summary>The one exercise whose entries leave the role (needing or supporting) to the client.</summary>
    public const string TakingTurnsCode = "taking-turns";

    /// <summary>
    /// The couple's turn balance today: their taking-turns entries (<paramref name="takingTurnsEntries"/>, from any
    /// taking-turns assignment) dated within <see cref="HomeworkWindows.TurnBalanceDays"/> days — the figure the
    /// homework section and the progress page both show.
    /// </summary>
    public static IReadOnlyList<TurnBalanceShare> ForCouple(IEnumerable<EntryFact> takingTurnsEntries, IEnumerable<Guid> partners,
        DateOnly today) => Compute(takingTurnsEntries.Where(e => HomeworkWindows.InTurnBalanceWindow(e.OccurredOn, today)), partners);

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
