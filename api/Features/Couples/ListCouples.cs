using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Npgsql;

namespace Clinic.Api.Features.Couples;

public sealed record ListCouplesQuery(string? Search, string? Status, int? Page, int? PageSize)
    : IRequest<Paged<CoupleSummaryDto>>, IPagedRequest;

public sealed class ListCouplesValidator : AbstractValidator<ListCouplesQuery>
{
    public ListCouplesValidator()
    {
        this.AddPagingRules();
        RuleFor(q => q.Search).MaximumLength(100);
        RuleFor(q => q.Status).Must(s => Data.SnakeCaseEnumConverter<CoupleStatus>.TryFromWire(s!, out _))
            .When(q => q.Status is not null).WithMessage("Use one of: intake, active, paused, closed.");
    }
}

/// <summary>
/// Read from the read-only data source (a standby when one is configured). The session check, the audit row and
/// the page with its total are one round trip when there is no standby (<see cref="BatchedSessionCheck"/>);
/// hand-written SQL for that reason (EF cannot put its query in a batch), the same SQL EF produced before. The
/// connections come straight from the data sources: no DbContext is leased for SQL that EF does not write.
/// </summary>
internal sealed class ListCouplesHandler(NpgsqlDataSource primary,
    [FromKeyedServices(Infrastructure.Startup.ServiceRegistration.ReadOnlyDataSource)] NpgsqlDataSource readOnly,
    ReadRouting routing, BatchedSessionCheck session, ICurrentUser user) : IRequestHandler<ListCouplesQuery, Paged<CoupleSummaryDto>>
{
    public async Task<Paged<CoupleSummaryDto>> Handle(ListCouplesQuery query, CancellationToken ct)
    {
        const string action = "couple.list";
        if (routing.UsesStandby) await session.RunAsync(action, "couple", null, ct);
        var page = query.PageOf();
        var size = query.SizeOf();
        var filter = new CoupleFilter(query, user);

        await using var connection = await (routing.UsesStandby ? readOnly : primary).OpenConnectionAsync(ct);
        await using var batch = new NpgsqlBatch(connection);
        if (!routing.UsesStandby) batch.BatchCommands.Add(session.Command(action, "couple"));
        batch.BatchCommands.Add(filter.PageCommand(size, (page - 1) * size));
        var items = new List<CoupleSummaryDto>(size);
        var total = 0;
        await using (var reader = await batch.ExecuteReaderAsync(ct))
        {
            if (!routing.UsesStandby) await session.ConfirmAsync(reader, ct);
            while (await reader.ReadAsync(ct))
            {
                items.Add(new CoupleSummaryDto(reader.GetGuid(0), reader.GetString(1),
                    SnakeCaseEnumConverter<CoupleStatus>.FromWire(reader.GetString(2)), reader.GetFieldValue<DateOnly>(3),
                    reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5)));
                total = reader.GetInt32(6);
            }
        }
        // A page past the end has no row to carry the total.
        if (items.Count == 0 && page > 1)
        {
            await using var count = new NpgsqlBatch(connection);
            count.BatchCommands.Add(filter.CountCommand());
            total = (int)(await count.ExecuteScalarAsync(ct))!;
        }
        return new Paged<CoupleSummaryDto>(items, page, size, total);
    }

    /// <summary>
    /// The caseload's couples matching the query: $1 the therapist, then the status and the search pattern when given,
    /// then the page's limit and offset. Four shapes of SQL text, each made once: a request builds no SQL, and
    /// Npgsql's auto-prepare finds the same text (and so the same prepared statement) for every page.
    /// </summary>
    private sealed class CoupleFilter
    {
        private static readonly Shape[] Shapes = [new(false, false), new(true, false), new(false, true), new(true, true)];

        private readonly List<object> _values = new(5);
        private readonly Shape _shape;

        public CoupleFilter(ListCouplesQuery query, ICurrentUser user)
        {
            // Ownership's rule: a therapist's own couples, nothing for anyone else.
            _values.Add(user.Role == Domain.Users.Roles.Therapist ? user.Id : Guid.Empty);
            var byStatus = false;
            if (query.Status is not null && SnakeCaseEnumConverter<CoupleStatus>.TryFromWire(query.Status, out var status))
            {
                _values.Add(SnakeCaseEnumConverter<CoupleStatus>.ToWire(status));
                byStatus = true;
            }
            var bySearch = !string.IsNullOrWhiteSpace(query.Search);
            if (bySearch)
                _values.Add("%" + query.Search!.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            _shape = Shapes[(byStatus ? 1 : 0) + (bySearch ? 2 : 0)];
        }

        /// <summary>The page, each row carrying the total.</summary>
        public NpgsqlBatchCommand PageCommand(int limit, int offset)
        {
            var command = Command(_shape.PageSql);
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = offset });
            return command;
        }

        /// <summary>The total alone, for a page past the end.</summary>
        public NpgsqlBatchCommand CountCommand() => Command(_shape.CountSql);

        private NpgsqlBatchCommand Command(string sql)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var value in _values) command.Parameters.Add(new NpgsqlParameter { Value = value });
            return command;
        }

        private sealed class Shape
        {
            public Shape(bool byStatus, bool bySearch)
            {
                var where = Ownership.OwnedBySql("c", "$1");
                var next = 2;
                if (byStatus) where += $" AND c.status = ${next++}";
                if (bySearch)
                {
                    where += $" AND (c.display_name ILIKE ${next} OR EXISTS (SELECT 1 FROM partners p WHERE p.couple_id = c.id"
                             + $" AND (p.first_name || ' ' || p.last_name) ILIKE ${next}))";
                    next++;
                }
                PageSql = $"""
                    SELECT c.id, c.display_name, c.status, c.started_on,
                           (SELECT count(*)::int FROM sessions s WHERE s.couple_id = c.id),
                           (SELECT max(s.date) FROM sessions s WHERE s.couple_id = c.id),
                           (SELECT count(*)::int FROM couples c WHERE {where})
                    FROM couples c
                    WHERE {where}
                    ORDER BY c.display_name, c.id
                    LIMIT ${next} OFFSET ${next + 1}
                    """;
                CountSql = $"SELECT count(*)::int FROM couples c WHERE {where}";
            }

            public string PageSql { get; }
            public string CountSql { get; }
        }
    }
}
