using System.Text.RegularExpressions;

namespace Clinic.Api.Infrastructure.Csv;

/// <summary>
/// RFC 4180 rows. Cells a spreadsheet would read as a formula get a leading apostrophe (OWASP "CSV
/// injection"): exports hold text that people typed. That is a cell starting with = + - @, tab or CR, and
/// also one where a ; or , is followed by one of = + - @ (issue 26): a spreadsheet that splits on the other
/// separator, or on both, would start a new cell there. Those are always quoted, so a semicolon-separated
/// import keeps them whole too. CsvHelper would replace this; two dozen
/// lines did not justify the dependency while nothing reads CSV back.
/// </summary>
public static partial class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        var inner = FormulaAfterSeparator().IsMatch(value);
        if (inner || value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return inner || value.IndexOfAny([',', '"', '\r', '\n']) >= 0
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    /// <summary>A separator, any blanks a spreadsheet would skip, then a character that starts a formula.</summary>
    [GeneratedRegex(@"[;,][\s]*[=+\-@]")]
    private static partial Regex FormulaAfterSeparator();
}
