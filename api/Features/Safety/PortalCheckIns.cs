using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Safety;

/// <summary>A check-in question as the client sees it: never the safest answer or the flag wording.</summary>
public sealed record PortalCheckInItemDto(string Name, string Label, FieldType Type, bool Required,
    IReadOnlyList<ChoiceOption>? Options, int? MaxLength, string? Hint);

public sealed record PortalCheckInDto(Guid Id, string Title, string Introduction, DateTimeOffset RequestedAt,
    IReadOnlyList<PortalCheckInItemDto> Items);

public sealed record ListMyCheckInsQuery(int? Page, int? PageSize) : IRequest<Paged<PortalCheckInDto>>, IPagedRequest;

public sealed class ListMyCheckInsValidator : AbstractValidator<ListMyCheckInsQuery>
{
    public ListMyCheckInsValidator() => this.AddPagingRules();
}

/// <summary>
/// Only the caller's own pending check-ins. Nothing here may depend on the other partner's
/// check-ins or flags (DESIGN §4a): the query filters by the caller's partner id alone.
/// </summary>
internal sealed class ListMyCheckInsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, SafetyCatalogue catalogue)
    : IRequestHandler<ListMyCheckInsQuery, Paged<PortalCheckInDto>>
{
    public async Task<Paged<PortalCheckInDto>> Handle(ListMyCheckInsQuery query, CancellationToken ct)
    {
        var partnerId = user.PartnerId ?? throw new ForbiddenException();
        var page = await db.SafetyChecks.Where(c => c.PartnerId == partnerId && c.Status == SafetyCheckStatus.Pending)
            .OrderBy(c => c.RequestedAt).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.RequestedAt, c.CoupleId })
            .ToPagedAsync(query, ct);

        var definition = catalogue.Definition;
        var items = definition.Items.Select(i => new PortalCheckInItemDto(i.Name, i.Label, i.Type, i.Required, i.Options,
            i.MaxLength, i.Hint)).ToList();
        foreach (var check in page.Items) audit.Record("safety.read", "safety_check", check.Id, check.CoupleId);
        await db.SaveChangesAsync(ct);
        return new Paged<PortalCheckInDto>(
            page.Items.Select(c => new PortalCheckInDto(c.Id, definition.Title, definition.Introduction, c.RequestedAt, items)).ToList(),
            page.Page, page.PageSize, page.Total);
    }
}

public sealed record AnswerCheckInCommand(Dictionary<string, JsonElement>? Answers) : IRequest<Unit>
{
    internal Guid Id { get; init; }
}

public sealed class AnswerCheckInValidator : AbstractValidator<AnswerCheckInCommand>
{
    public AnswerCheckInValidator() => RuleFor(c => c.Answers).NotNull();
}

/// <summary>
/// Answers the caller's own pending check-in. Another partner's check-in, an answered one and an
/// unknown id all fail the same single query and answer the same 404; the success answer is an
/// empty 204 whether or not a flag was raised, so the response says nothing about the answers.
/// </summary>
internal sealed class AnswerCheckInHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    SafetyCatalogue catalogue, TimeProvider clock) : IRequestHandler<AnswerCheckInCommand, Unit>
{
    public async Task<Unit> Handle(AnswerCheckInCommand command, CancellationToken ct)
    {
        var partnerId = user.PartnerId ?? throw new ForbiddenException();
        var check = await db.SafetyChecks.AsTracking()
            .SingleOrDefaultAsync(c => c.Id == command.Id && c.PartnerId == partnerId && c.Status == SafetyCheckStatus.Pending, ct)
            ?? throw new NotFoundException("check-in");

        var outcome = SafetyCheck.Evaluate(catalogue.Definition, command.Answers!);
        if (!outcome.IsValid) throw new FieldValidationException(outcome.Errors);
        var result = outcome.Result!;

        var now = clock.GetUtcNow();
        check.Answer(SafetyMapping.SerialiseAnswers(result.Answers), now);
        audit.Record("safety.check_answer", "safety_check", check.Id, check.CoupleId);
        if (result.RaisesFlag)
        {
            var flag = SafetyFlag.Raise(check, result.Reasons.Select(r => r.Item), now);
            db.SafetyFlags.Add(flag);
            audit.Record("safety.flag_raise", "safety_flag", flag.Id, check.CoupleId);
        }
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
