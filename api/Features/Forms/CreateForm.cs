using Clinic.Api.Data;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Features.Documents;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Forms;

/// <param name="BasedOnVersion">The newest version read when this is a new version of an existing code; absent for a new form.</param>
public sealed record CreateFormCommand(string? Code, string? Title, string? Intro, IReadOnlyList<FormSection>? Sections, int? BasedOnVersion)
    : IRequest<IntakeFormDto>;

public sealed class CreateFormValidator : AbstractValidator<CreateFormCommand>
{
    public CreateFormValidator()
    {
        RuleFor(c => c.Code).NotEmpty().CleanText(60);
        RuleFor(c => c.Title).NotEmpty().CleanText(200);
        RuleFor(c => c.Intro).CleanText(4000);
        RuleFor(c => c.Sections).NotEmpty();
        RuleForEach(c => c.Sections).ChildRules(section =>
        {
            section.RuleFor(s => s.Key).NotEmpty().CleanText(60);
            section.RuleFor(s => s.Title).NotEmpty().CleanText(200);
            section.RuleFor(s => s.Intro).CleanText(4000);
            section.RuleFor(s => s.Fields).NotEmpty();
            section.RuleForEach(s => s.Fields).ChildRules(field =>
            {
                field.RuleFor(f => f.Name).NotEmpty().CleanText(60);
                field.RuleFor(f => f.Label).NotEmpty().CleanText(500);
                field.RuleFor(f => f.Hint).CleanText(1000);
                field.RuleFor(f => f.MaxLength).InclusiveBetween(1, 8000);
                field.RuleForEach(f => f.Options).ChildRules(option =>
                {
                    option.RuleFor(o => o.Value).NotEmpty().CleanText(60);
                    option.RuleFor(o => o.Label).NotEmpty().CleanText(200);
                });
            }).When(s => s.Fields is not null);
        }).When(c => c.Sections is not null);
    }
}

/// <summary>
/// A practice's own form, checked by the same rules as a shipped catalogue file (unique camelCase field names,
/// ranges, choices…). A code already in use takes the next version, which must be based on the newest one read.
/// </summary>
internal sealed class CreateFormHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, FormLookup forms, TimeProvider clock)
    : IRequestHandler<CreateFormCommand, IntakeFormDto>
{
    public async Task<IntakeFormDto> Handle(CreateFormCommand command, CancellationToken ct)
    {
        var code = command.Code!.Trim();
        var latest = await forms.LatestOfAsync(code, ct);
        if (latest is null && command.BasedOnVersion is not null)
            throw new FieldValidationException("basedOnVersion", "There is no form with this code yet: leave basedOnVersion out for a new form.");
        if (latest is not null && command.BasedOnVersion != latest.Version)
            throw new ConflictException(command.BasedOnVersion is null
                ? $"A form with the code '{code}' exists (version {latest.Version}): send basedOnVersion to add a version, or choose another code."
                : $"Version {latest.Version} of this form exists since you read version {command.BasedOnVersion}. Reload it and make your change again.");

        var form = new FormDefinition(code, (latest?.Version ?? 0) + 1, command.Title!.Trim(), command.Sections!,
            string.IsNullOrWhiteSpace(command.Intro) ? null : command.Intro.Trim());
        var problems = form.Problems().ToList();
        if (problems.Count > 0)
            throw new FieldValidationException(problems.GroupBy(p => p.StartsWith("code", StringComparison.Ordinal) ? "code"
                    : p.StartsWith("title", StringComparison.Ordinal) ? "title" : "sections")
                .ToDictionary(g => g.Key, g => g.ToArray()));

        db.PracticeForms.Add(PracticeForm.From(form, CatalogueLoader.Serialize(form), user.Id, clock.GetUtcNow()));
        audit.Record("form.create", "form", null, null, detail: $"{form.Code} v{form.Version}");
        await db.SaveChangesAsync(ct);
        return form.ToDto();
    }
}

public sealed record ListFormsQuery : IRequest<IntakeFormListDto>;

internal sealed class ListFormsHandler(FormLookup forms) : IRequestHandler<ListFormsQuery, IntakeFormListDto>
{
    public async Task<IntakeFormListDto> Handle(ListFormsQuery query, CancellationToken ct) =>
        new((await forms.LatestAsync(ct)).Select(f => f.Form.ToSummary(f.Source)).ToList());
}

public sealed record GetFormQuery(string Code) : IRequest<IntakeFormDto>;

internal sealed class GetFormHandler(FormLookup forms) : IRequestHandler<GetFormQuery, IntakeFormDto>
{
    public async Task<IntakeFormDto> Handle(GetFormQuery query, CancellationToken ct) =>
        (await forms.LatestOfAsync(query.Code, ct) ?? throw new NotFoundException("form", query.Code)).ToDto();
}
