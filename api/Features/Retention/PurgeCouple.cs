using Clinic.Api.Domain.Practice;
using System.Text.Json.Serialization;
using Clinic.Api.Data;
using Clinic.Api.Domain.Retention;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Clinic.Api.Features.Retention;

/// <summary>
/// The purge (DESIGN §17), the only hard delete in Clinic: a closed couple past its retention date and not
/// under a legal hold loses every row of its record in one transaction — found through the database's
/// foreign keys by <c>purge_couple</c> (migration 0330), so a table added later goes too — its partners'
/// portal accounts are closed and emptied of personal data, and one audit line without clinical content
/// says it happened. The admin confirms by typing the couple's name as the list shows it.
/// </summary>
public sealed record PurgeCoupleCommand(string? Confirm) : IRequest<PurgeResultDto>
{
    [JsonIgnore] internal Guid CoupleId { get; init; }
}

public sealed class PurgeCoupleValidator : AbstractValidator<PurgeCoupleCommand>
{
    public PurgeCoupleValidator() =>
        RuleFor(c => c.Confirm).NotEmpty().WithMessage("Type the couple's name to confirm the purge.")
            .MaximumLength(300).Must(c => c is null || !c.Contains('\0')).WithMessage("The name may not contain NUL characters.");
}

internal sealed class PurgeCoupleHandler(ClinicDbContext db, AuditTrail audit, RetentionPeriod period, PracticeCalendar calendar,
    TimeProvider clock) : IRequestHandler<PurgeCoupleCommand, PurgeResultDto>
{
    private sealed record PurgedTable(string TableName, long Deleted);

    public async Task<PurgeResultDto> Handle(PurgeCoupleCommand command, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var couple = await db.Couples.Include(c => c.Partners).SingleOrDefaultAsync(c => c.Id == command.CoupleId, ct)
            ?? throw new NotFoundException("couple", command.CoupleId);
        var years = await period.YearsAsync(ct);
        var today = calendar.Today();
        var hold = await db.CoupleRetention.Where(r => r.CoupleId == couple.Id).Select(r => r.LegalHold).SingleOrDefaultAsync(ct);
        if (!couple.IsClosed)
            throw new ConflictException("Only a closed couple can be purged, once its retention period has ended.");
        if (hold)
            throw new ConflictException("This couple's record is under a legal hold: release the hold before it can be purged.");
        if (!RetentionRules.IsDue(couple.ClosedOn, years, today))
            throw new ConflictException(RetentionRules.RetainUntil(couple.ClosedOn, years) is { } until
                ? $"This record is kept until {ReadableDates.Day(until)} ({years} years after closing); it cannot be purged before then."
                : $"This record is kept for {years} years after closing; it cannot be purged before then.");
        if (!string.Equals(command.Confirm!.Trim(), couple.DisplayName, StringComparison.Ordinal))
            throw new FieldValidationException("confirm", "Type the couple's name exactly as the list shows it to confirm the purge.");

        var accounts = couple.Partners.Where(p => p.UserId is not null).Select(p => p.UserId!.Value).ToList();
        var closedOn = couple.ClosedOn!.Value;
        var purged = new List<PurgedTable>();
        try
        {
            await using var purge = new NpgsqlCommand("SELECT table_name, deleted FROM purge_couple($1, $2)",
                (NpgsqlConnection)db.Database.GetDbConnection(), (NpgsqlTransaction)transaction.GetDbTransaction());
            purge.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = couple.Id });
            purge.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = RetentionRules.ClosedOnOrBefore(today, years) });
            await using var reader = await purge.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) purged.Add(new PurgedTable(reader.GetString(0), reader.GetInt64(1)));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.CheckViolation)
        {
            // A hold placed between the checks above and the database's own.
            throw new ConflictException("This couple's record may no longer be purged (a legal hold was placed). Reload the list.");
        }

        var now = clock.GetUtcNow();
        var users = await db.Users.AsTracking().Where(u => accounts.Contains(u.Id)).ToListAsync(ct);
        foreach (var account in users) account.CloseAfterPurge(now);
        await db.Set<IdentityUserToken<Guid>>().Where(t => accounts.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        await db.Set<IdentityUserClaim<Guid>>().Where(t => accounts.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        await db.Set<IdentityUserLogin<Guid>>().Where(t => accounts.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        await db.RecoveryCodes.Where(t => accounts.Contains(t.UserId)).ExecuteDeleteAsync(ct);
        foreach (var account in accounts) await SessionRevocation.RevokeAllAsync(db, account, now, "purged", ct);

        var rows = purged.Sum(t => t.Deleted);
        // Dates and counts only: what the record held is gone, and the trail must not keep it.
        audit.Record("retention.purge", "couple", couple.Id, couple.Id,
            detail: $"closed {closedOn:yyyy-MM-dd}; retention {years} years; {rows} rows deleted; {users.Count} portal accounts closed");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new PurgeResultDto(couple.Id, now, rows, users.Count);
    }
}
