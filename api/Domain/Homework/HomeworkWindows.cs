namespace Clinic.Api.Domain.Homework;

/// <summary>
/// The windows the homework figures cover, named once and used by every screen that shows them — the
/// homework section, the progress page, the caseload, the portal and the treatment plan (DESIGN §4,
/// "Windows and scopes").
/// <list type="bullet">
/// <item><b>Adherence: the last 14 days</b> (today included), over every assignment for the days it ran —
/// from its start to its due date, or to the day it was completed or cancelled, or to today
/// (<see cref="HomeworkAssignment.ActiveUntil(DateOnly)"/>). Two weeks because adherence is a rate the
/// therapist acts on: it must show a lapse within days, and the caseload's low-adherence alert reads the
/// same two weeks.</item>
/// <item><b>Turn balance and perception gaps: the last 28 days</b>, over the couple's taking-turns entries
/// (turn balance) or joint entries (gaps), whichever assignment they were logged under and whatever its
/// status now — an entry is something that happened. Four weeks because these are shares of a few
/// entries a week: over 14 days one entry moves a partner's share by 20 points or more.</item>
/// </list>
/// </summary>
public static class HomeworkWindows
{
    public const int AdherenceDays = 14;
    public const int TurnBalanceDays = 28;

    /// <summary>The first day of the adherence window that ends today.</summary>
    public static DateOnly AdherenceFrom(DateOnly today) => today.AddDays(-(AdherenceDays - 1));

    /// <summary>The first day of the turn-balance and perception-gap window that ends today.</summary>
    public static DateOnly TurnBalanceFrom(DateOnly today) => today.AddDays(-(TurnBalanceDays - 1));

    public static bool InTurnBalanceWindow(DateOnly occurredOn, DateOnly today) =>
        occurredOn >= TurnBalanceFrom(today) && occurredOn <= today;
}
