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

    public static int PageOf(this IPagedRequest r) => r.Page ?? 1;
    public static int SizeOf(this IPagedRequest r) => r.PageSize ?? DefaultPageSize;

    /// <summary>Count and page in two round trips; the query must already be ordered.</summary>
    public static async Task<Paged<T>> ToPagedAsync<T>(this IQueryable<T> query, IPagedRequest request, CancellationToken ct)
    {
        var page = request.PageOf();
        var size = request.SizeOf();
        var total = await query.CountAsync(ct);
        var items = await query.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        return new Paged<T>(items, page, size, total);
    }

    public static void AddPagingRules<T>(this AbstractValidator<T> validator) where T : IPagedRequest
    {
        validator.RuleFor(r => r.Page).GreaterThanOrEqualTo(1).WithName("page");
        validator.RuleFor(r => r.PageSize).InclusiveBetween(1, MaxPageSize).WithName("pageSize")
            .WithMessage($"pageSize must be between 1 and {MaxPageSize}.");
    }
}
