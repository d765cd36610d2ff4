using Clinic.Api.Data;
using Clinic.Api.Infrastructure.Auth;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Admin;

public sealed record AuditPersonDto(Guid Id, string Name, string Role);

public sealed record AuditCoupleDto(Guid Id, string DisplayName, string? TherapistName);

/// <summary>People whose name contains <paramref name="Search"/>, for the audit log's person picker (at most 20).</summary>
public sealed record FindAuditPeopleQuery(string? Search) : IRequest<IReadOnlyList<AuditPersonDto>>;

/// <summary>Couples whose display name contains <paramref name="Search"/>, for the audit log's couple picker (at most 20).</summary>
public sealed record FindAuditCouplesQuery(string? Search) : IRequest<IReadOnlyList<AuditCoupleDto>>;

/// <summary>Every action the trail holds, for the audit log's action picker.</summary>
public sealed record ListAuditActionsQuery : IRequest<IReadOnlyList<string>>;

public sealed class FindAuditPeopleValidator : AbstractValidator<FindAuditPeopleQuery>
{
    public FindAuditPeopleValidator() => RuleFor(q => q.Search).MaximumLength(100);
}

public sealed class FindAuditCouplesValidator : AbstractValidator<FindAuditCouplesQuery>
{
    public FindAuditCouplesValidator() => RuleFor(q => q.Search).MaximumLength(100);
}

/// <summary>
/// The audit log's pickers: the admin chooses a person or couple by name instead of pasting an id. Only names
/// leave (no email, no clinical field), and each look-up is on the trail like the trail's own reads.
/// </summary>
internal sealed class AuditLookupsHandler(ClinicDbContext db, AuditTrail audit) :
    IRequestHandler<FindAuditPeopleQuery, IReadOnlyList<AuditPersonDto>>,
    IRequestHandler<FindAuditCouplesQuery, IReadOnlyList<AuditCoupleDto>>,
    IRequestHandler<ListAuditActionsQuery, IReadOnlyList<string>>
{
    private const int Limit = 20;

    public async Task<IReadOnlyList<AuditPersonDto>> Handle(FindAuditPeopleQuery query, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            users = users.Where(u => (u.FirstName + " " + u.LastName).ToLower().Contains(search));
        }
        var people = await users.OrderBy(u => u.FirstName).ThenBy(u => u.LastName).ThenBy(u => u.Id).Take(Limit)
            .Select(u => new AuditPersonDto(u.Id, u.FirstName + " " + u.LastName, u.Role)).ToListAsync(ct);
        audit.Record("admin.audit_lookup", "user", null, null, detail: "people");
        await db.SaveChangesAsync(ct);
        return people;
    }

    public async Task<IReadOnlyList<AuditCoupleDto>> Handle(FindAuditCouplesQuery query, CancellationToken ct)
    {
        var couples = db.Couples.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToLowerInvariant();
            couples = couples.Where(c => c.DisplayName.ToLower().Contains(search));
        }
        var found = await (
                from c in couples
                join t in db.Users on c.TherapistId equals t.Id into therapists
                from t in therapists.DefaultIfEmpty()
                orderby c.DisplayName, c.Id
                select new AuditCoupleDto(c.Id, c.DisplayName, t == null ? null : t.FirstName + " " + t.LastName))
            .Take(Limit).ToListAsync(ct);
        audit.Record("admin.audit_lookup", "couple", null, null, detail: "couples");
        await db.SaveChangesAsync(ct);
        return found;
    }

    /// <summary>
    /// The distinct actions by a loose index scan over ix_audit_events_action (one index probe per action, not a
    /// pass over the whole trail): PostgreSQL 15 has no skip scan of its own.
    /// </summary>
    public async Task<IReadOnlyList<string>> Handle(ListAuditActionsQuery query, CancellationToken ct) =>
        await db.Database.SqlQueryRaw<string>("""
            WITH RECURSIVE actions AS (
                (SELECT action FROM audit_events ORDER BY action LIMIT 1)
                UNION ALL
                SELECT (SELECT e.action FROM audit_events e WHERE e.action > a.action ORDER BY e.action LIMIT 1)
                FROM actions a WHERE a.action IS NOT NULL)
            SELECT action AS "Value" FROM actions WHERE action IS NOT NULL
            """).ToListAsync(ct);
}
