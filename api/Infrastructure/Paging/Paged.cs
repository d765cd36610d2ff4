using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Paging;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public interface IPagedRequest
{
    int? Page { get; }
    int? PageSize { get; }
}

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
    /// <summary>Beyond any list Clinic holds; a page past it is a 400 rather than an OFFSET that overflows (issue 26).</summary>
    public const int MaxPage = 1_000_000;

    public static int PageOf(this IPagedRequest r) => r.Page ?? 1;
    public static int SizeOf(this IPagedRequest r) => r.PageSize ?? DefaultPageSize;

    /// <summary>
    /// The page and the total in one round trip: the total is an uncorrelated subquery, which
    /// PostgreSQL evaluates once (an InitPlan). Only a page past the end needs a second query for
    /// the total. The query must already be ordered.
    /// </summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, IPagedRequest request, CancellationToken ct)
    {
        var page = request.PageOf();
        var size = request.SizeOf();
        // Never a negative OFFSET, whatever reached here: a page past what an int can skip is simply empty.
        var skip = (long)(page - 1) * size;
        if (page < 1 || size < 1 || skip > int.MaxValue) return new Paged<T>([], page, size, await query.CountAsync(ct));
        var rows = await query.Skip((int)skip).Take(size)
            .Select(item => new { Item = item, Total = query.Count() })
            .ToListAsync(ct);
        var total = rows.Count > 0 ? rows[0].Total : page == 1 ? 0 : await query.CountAsync(ct);
        return new Paged<T>(rows.Select(r => r.Item).ToList(), page, size, total);
    }

    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedRequest
    {
        validator.RuleFor(r => r.Page).InclusiveBetween(1, MaxPage).WithName("page")
            .WithMessage($"page must be between 1 and {MaxPage}.");
        validator.RuleFor(r => r.PageSize).InclusiveBetween(1, MaxPageSize).WithName("pageSize")
            .WithMessage($"pageSize must be between 1 and {MaxPageSize}.");
    }
}
