namespace Clinic.Api.Infrastructure.Csv;

/// <summary>
/// RFC 4180 rows. Cells a spreadsheet would read as a formula (= + - @, tab, CR) get a leading
/// apostrophe (OWASP "CSV injection"): exports hold text that people typed. CsvHelper would replace
/// this; two dozen lines did not justify the dependency while nothing reads CSV back.
/// </summary>
public static class CsvText
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
