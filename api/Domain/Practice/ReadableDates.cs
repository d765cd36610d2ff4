using System.Globalization;

namespace Clinic.Api.Domain.Practice;

/// <summary>
/// Dates in text people read — a drafted closing summary, a goal's reading, a refusal, an alert — written as the web
/// writes them (<c>web/src/app/shared/ui/when.ts</c>, style <c>date</c>: "7 Dec 2026", a 24-hour clock), so a sentence
/// the API writes reads like the screen around it. Values machines read (JSON fields, audit details, file names, FHIR)
/// stay ISO 8601.
/// </summary>
public static class ReadableDates
{
    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DayAndTime(DateTime local) => local.ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);
}
