using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Forms;

/// <summary>
/// The portal side of intake forms. Every query is limited to the caller's own partner id, so the other
/// partner's form requests — and their answers — are 404, as if they did not exist.
/// </summary>
internal static class MyForms
{
    public static async Task<FormRequest> MineAsync(this ClinicDbContext db, Guid partnerId, Guid id, CancellationToken ct, bool tracking = false)
    {
        var query = db.FormRequests.Where(r => r.Id == id && r.PartnerId == partnerId);
        if (tracking) query = query.AsTracking();
        return await query.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("form"); // no id echoed: a probe learns nothing from the answer
    }

    public static PortalIntakeFormDto ToPortal(this FormRequest r, FormDefinition form) => new(r.Id, r.Status, r.RequestedAt, r.DraftSavedAt,
        r.CompletedAt, form.ToDto(), (IReadOnlyDictionary<string, JsonElement>?)(r.Answers ?? r.Draft) ?? new Dictionary<string, JsonElement>());
}

public sealed record ListMyFormsQuery : IRequest<PortalIntakeFormListDto>;

internal sealed class ListMyFormsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms)
    : IRequestHandler<ListMyFormsQuery, PortalIntakeFormListDto>
{
    public async Task<PortalIntakeFormListDto> Handle(ListMyFormsQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var requests = await db.FormRequests.Where(r => r.PartnerId == me.Id)
            .OrderBy(r => r.Status).ThenByDescending(r => r.RequestedAt).ToListAsync(ct);
        var items = new List<PortalIntakeFormSummaryDto>();
        foreach (var r in requests)
        {
            var form = await forms.GetAsync(r.FormCode, r.FormVersion, ct);
            items.Add(new PortalIntakeFormSummaryDto(r.Id, form.Title, r.Status, r.RequestedAt, r.DraftSavedAt, r.CompletedAt, form.Sections.Count));
        }
        audit.Record("portal.form.list", "partner", me.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return new PortalIntakeFormListDto(items);
    }
}

public sealed record GetMyFormQuery(Guid Id) : IRequest<PortalIntakeFormDto>;

internal sealed class GetMyFormHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms)
    : IRequestHandler<GetMyFormQuery, PortalIntakeFormDto>
{
    public async Task<PortalIntakeFormDto> Handle(GetMyFormQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var request = await db.MineAsync(me.Id, query.Id, ct);
        var form = await forms.GetAsync(request.FormCode, request.FormVersion, ct);
        audit.Record("portal.form.read", "form_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return request.ToPortal(form);
    }
}

/// <param name="Answers">Field name → answer for the section just filled in; null clears a field.</param>
public sealed record SaveFormDraftCommand(Dictionary<string, JsonElement>? Answers) : IRequest<PortalIntakeFormDto>
{
    internal Guid Id { get; init; }
}

public sealed class SaveFormDraftValidator : AbstractValidator<SaveFormDraftCommand>
{
    public SaveFormDraftValidator() => RuleFor(c => c.Answers).NotNull();
}

/// <summary>
/// Keeps what the partner has answered so far on the server (never in the browser), one section at a time:
/// each save merges its fields into the draft. Checked for what it holds, never for what is missing.
/// </summary>
internal sealed class SaveFormDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms, TimeProvider clock)
    : IRequestHandler<SaveFormDraftCommand, PortalIntakeFormDto>
{
    public async Task<PortalIntakeFormDto> Handle(SaveFormDraftCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var request = await db.MineAsync(me.Id, command.Id, ct, tracking: true);
        request.EnsurePending();
        couple.EnsureOpen();
        var form = await forms.GetAsync(request.FormCode, request.FormVersion, ct);
        var cleared = command.Answers!.Where(a => a.Value.ValueKind == JsonValueKind.Null).Select(a => a.Key).ToList();
        var values = form.Check(command.Answers!.Where(a => a.Value.ValueKind != JsonValueKind.Null).ToDictionary(), complete: false, out var errors);
        var unknownCleared = cleared.Where(name => form.Fields.All(f => f.Name != name)).ToList();
        if (errors.Count > 0 || unknownCleared.Count > 0)
            throw new FieldValidationException(errors.Concat(unknownCleared.Select(n => KeyValuePair.Create($"answers.{n}", new[] { "Unknown field." })))
                .ToDictionary());
        foreach (var name in cleared) values[name] = JsonSerializer.SerializeToElement<object?>(null);
        request.SaveDraft(values, clock.GetUtcNow());
        audit.Record("portal.form.draft_save", "form_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return request.ToPortal(form);
    }
}

/// <param name="Answers">The answers to send; any left out are taken from the saved draft.</param>
public sealed record SubmitFormCommand(Dictionary<string, JsonElement>? Answers) : IRequest<PortalIntakeFormDto>
{
    internal Guid Id { get; init; }
}

/// <summary>Sends the form: every required answer present, every answer valid. Sent once; then the therapist can read it.</summary>
internal sealed class SubmitFormHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms, TimeProvider clock)
    : IRequestHandler<SubmitFormCommand, PortalIntakeFormDto>
{
    public async Task<PortalIntakeFormDto> Handle(SubmitFormCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var request = await db.MineAsync(me.Id, command.Id, ct, tracking: true);
        request.EnsurePending();
        couple.EnsureOpen();
        var form = await forms.GetAsync(request.FormCode, request.FormVersion, ct);
        var answers = new Dictionary<string, JsonElement>(request.Draft ?? [], StringComparer.Ordinal);
        foreach (var (name, value) in command.Answers ?? []) answers[name] = value;
        var values = form.Check(answers, complete: true, out var errors);
        if (errors.Count > 0) throw new FieldValidationException(errors);
        request.Complete(values, clock.GetUtcNow());
        audit.Record("portal.form.submit", "form_request", request.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return request.ToPortal(form);
    }
}
