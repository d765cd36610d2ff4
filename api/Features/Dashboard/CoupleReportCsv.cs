using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Infrastructure.Csv;

namespace Clinic.Api.Features.Dashboard;

/// <summary>
/// The progress report as CSV: one block per table (sessions, weekly adherence, attachment, each
/// other measure — CSI-4, PHQ-9, GAD-7 — with its band and change verdict, turn balance, perception
/// gaps, and the signed closing summary of a closed case), each with a title row and its own header, separated by a blank line —
/// the shape a therapist opens in a spreadsheet. Numbers use the invariant culture.
/// </summary>
internal static class CoupleReportCsv
{
    public static string Render(CoupleReportDto report)
    {
        var d = report.Dashboard;
        string Name(Guid id) => d.Partners.FirstOrDefault(p => p.Id == id)?.FirstName ?? "";
        var a = d.Partners.ElementAtOrDefault(0);
        var b = d.Partners.ElementAtOrDefault(1);
        var csv = new StringBuilder();

        csv.Append(CsvText.Row(["Progress report", d.DisplayName, $"generated {report.GeneratedAt:yyyy-MM-dd HH:mm} UTC",
            report.IncludesNotes ? "includes private notes" : "no private notes"]));
        csv.Append("\r\n").Append(CsvText.Row(["Signed sessions"]));
        var header = new List<string?> { "date", "start", "minutes", "attendance", "eftStage", "eftStep",
            $"{a?.FirstName} position", $"{a?.FirstName} intensity", $"{b?.FirstName} position", $"{b?.FirstName} intensity",
            "episodesSinceLastSession", "peakIntensity", "repairMinutes", "triggers", "markers", "cycleCorrected", "signedAt", "signedBy" };
        if (report.IncludesNotes) header.AddRange(["note", "amendments"]);
        csv.Append(CsvText.Row(header));
        foreach (var s in report.Sessions)
        {
            var ra = s.Partners.FirstOrDefault(r => r.PartnerId == a?.Id);
            var rb = s.Partners.FirstOrDefault(r => r.PartnerId == b?.Id);
            var row = new List<string?>
            {
                Iso(s.Date), s.StartTime.ToString("HH:mm", CultureInfo.InvariantCulture), Num(s.DurationMinutes), Wire(s.Attendance),
                Num(s.EftStage), Num(s.EftStep), ra is null ? null : Wire(ra.Position), Num(ra?.Intensity), rb is null ? null : Wire(rb.Position),
                Num(rb?.Intensity), Num(s.EpisodesSinceLastSession), Num(s.PeakIntensity), Num(s.RepairMinutes), string.Join("; ", s.Triggers),
                string.Join("; ", s.Markers), s.CycleCorrected ? "yes" : "no", s.SignedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                s.SignedByName,
            };
            if (report.IncludesNotes) row.AddRange([s.Note, string.Join(" | ", s.Amendments ?? [])]);
            csv.Append(CsvText.Row(row));
        }

        csv.Append("\r\n").Append(CsvText.Row(["Weekly homework adherence"]));
        csv.Append(CsvText.Row(["weekStart", "partner", "entries", "expected", "ratio"]));
        foreach (var w in d.WeeklyAdherence)
            csv.Append(CsvText.Row([Iso(w.WeekStart), Name(w.PartnerId), Num(w.Entries), Num(w.Expected), Num(w.Ratio)]));

        csv.Append("\r\n").Append(CsvText.Row(["Attachment (ECR-RS)", d.AttachmentNote]));
        csv.Append(CsvText.Row(["administeredOn", "partner", "source", "avoidance", "anxiety", "quadrant", "reliableChange"]));
        foreach (var p in d.Attachment)
            csv.Append(CsvText.Row([Iso(p.AdministeredOn), Name(p.PartnerId), Wire(p.Source), Num(p.Avoidance), Num(p.Anxiety),
                p.Quadrant is { } q ? Wire(q) : null, p.Change.Count == 0 ? "" : p.ReliableMove ? "yes" : "no"]));

        // Every other measure, as the dashboard judged it (MeasureSeries: the subscale's own reliable-change rule).
        // The previous score rather than a signed change: a cell starting with "-" would be neutralised to text.
        foreach (var m in d.Measures)
        {
            csv.Append("\r\n").Append(CsvText.Row([$"{m.Instrument}: {m.Label}", m.RuleNote]));
            csv.Append(CsvText.Row(["administeredOn", "partner", "source", "score", "band", "clinicalRange", "previousScore", "verdict", "reading"]));
            foreach (var p in m.Points)
                csv.Append(CsvText.Row([Iso(p.AdministeredOn), Name(p.PartnerId), Wire(p.Source), Num(p.Score),
                    m.Bands.FirstOrDefault(b => b.Code == p.Band)?.Label ?? p.Band, p.Clinical is { } c ? (c ? "yes" : "no") : null,
                    Num(p.Change is { } change ? p.Score - change.Change : null), Verdict(p.Change), p.Change?.Reading]));
        }

        csv.Append("\r\n").Append(CsvText.Row(["Turn balance", $"since {Iso(d.HomeworkWindowFrom)}"]));
        csv.Append(CsvText.Row(["partner", "needing", "supporting", "needingShare"]));
        foreach (var t in d.TurnBalance)
            csv.Append(CsvText.Row([Name(t.PartnerId), Num(t.Needing), Num(t.Supporting), Num(t.NeedingShare)]));

        csv.Append("\r\n").Append(CsvText.Row(["Perception gaps", $"since {Iso(d.HomeworkWindowFrom)}"]));
        csv.Append(CsvText.Row(["occurredOn", "kind", "description"]));
        foreach (var g in d.PerceptionGaps) csv.Append(CsvText.Row([Iso(g.OccurredOn), Wire(g.Kind), g.Description]));

        if (report.ClosingSummary is { } closing)
        {
            csv.Append("\r\n").Append(CsvText.Row(["Closing summary"]));
            csv.Append(CsvText.Row(["closedOn", "reason", "safetyConfirmed", "signedAt", "signedBy", "summary"]));
            csv.Append(CsvText.Row([Iso(closing.ClosedOn), Wire(closing.Reason), closing.SafetyConfirmed ? "yes" : "no",
                closing.SignedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), closing.SignedByName, closing.Summary]));
        }

        // Only the threads the therapist chose; each message a row, oldest first (CsvText neutralises a body starting with "=").
        foreach (var thread in report.Threads)
        {
            csv.Append("\r\n").Append(CsvText.Row([thread.PartnerName is { } name ? $"Messages: {name}'s private thread" : "Messages: joint thread"]));
            csv.Append(CsvText.Row(["sentAtUtc", "authorRole", "author", "message"]));
            foreach (var m in thread.Messages)
                csv.Append(CsvText.Row([m.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Wire(m.AuthorRole), m.AuthorName, m.Body]));
        }
        return csv.ToString();
    }

    /// <summary>The change's verdict in words: the spreadsheet reader sees the same judgement the chart draws.</summary>
    internal static string Verdict(MeasureChangeDto? change) => change switch
    {
        null => "first score",
        { VerdictAvailable: false } => "no verdict",
        { Reliable: false } => "within measurement noise",
        { Direction: ChangeDirection.Improved } => "reliable improvement",
        { Direction: ChangeDirection.Deteriorated } => "reliable deterioration",
        _ => "reliable change",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string? Num(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string? Num(double? n) => n?.ToString(CultureInfo.InvariantCulture);
    private static string Wire<T>(T value) where T : struct, Enum => SnakeCaseEnumConverter<T>.ToWire(value);
}
