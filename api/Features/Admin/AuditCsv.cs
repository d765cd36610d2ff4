using System.Globalization;
using System.Text;
using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

/// <summary>
/// Streams the filtered trail as RFC 4180 CSV, oldest first, without loading it into memory. The ids stay (the
/// trail's own record); the person's and couple's names follow in the last two columns, for reading.
/// Cells a spreadsheet would read as a formula (= + - @, tab, CR) get a leading apostrophe
/// (OWASP "CSV injection"): the detail column holds request paths and reasons a caller chose.
/// </summary>
internal static class AuditCsv
{
    public const string ContentType = "text/csv; charset=utf-8";
    private static readonly string[] Header =
        ["id", "occurredAt", "userId", "role", "action", "resourceType", "resourceId", "coupleId", "clientAddress", "outcome", "detail",
            "userName", "coupleName"];

    public static async Task<IResult> ExportAsync(ListAuditEventsQuery query, ClinicDbContext db, AuditTrail audit,
        FluentValidation.IValidator<ListAuditEventsQuery> validator, HttpContext http, CancellationToken ct)
    {
        await FluentValidation.DefaultValidatorExtensions.ValidateAndThrowAsync(validator, query, ct);
        // The export is recorded before it streams: a download cut short was still a read.
        audit.Record("admin.audit_export", "audit_event", null, query.CoupleId);
        await db.SaveChangesAsync(ct);

        var events = ListAuditEventsHandler.Named(db, ListAuditEventsHandler.Filter(db.AuditEvents, query), newestFirst: false);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-{DateTime.UtcNow:yyyyMMdd-HHmmss}.csv\"";
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 16 * 1024);
            await writer.WriteAsync(Row(Header));
            var count = 0;
            await foreach (var e in events.AsAsyncEnumerable().WithCancellation(ct))
            {
                await writer.WriteAsync(Row([
                    e.Id.ToString(CultureInfo.InvariantCulture), e.OccurredAt.ToString("O", CultureInfo.InvariantCulture),
                    e.UserId?.ToString(), e.Role, e.Action, e.ResourceType, e.ResourceId?.ToString(), e.CoupleId?.ToString(),
                    e.ClientAddress, e.Outcome.ToString().ToLowerInvariant(), e.Detail, e.UserName, e.CoupleName,
                ]));
                if (++count % 500 == 0) await writer.FlushAsync(ct);
            }
        }, ContentType);
    }

    internal static string Row(IEnumerable<string?> cells) => Infrastructure.Csv.CsvText.Row(cells);

    internal static string Cell(string? value) => Infrastructure.Csv.CsvText.Cell(value);
}
