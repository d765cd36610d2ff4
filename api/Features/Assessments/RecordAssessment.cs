using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Features.Couples;
using Clinic.Api.Features.Safety;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

public sealed record RecordAssessmentCommand(Guid? PartnerId, string? Instrument, DateOnly? AdministeredOn, ItemResponses? Responses)
    : IRequest<AssessmentDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class RecordAssessmentValidator : AbstractValidator<RecordAssessmentCommand>
{
    public RecordAssessmentValidator(PracticeCalendar calendar)
    {
        RuleFor(c => c.PartnerId).NotNull();
        RuleFor(c => c.Instrument).NotEmpty().MaximumLength(40);
        // The practice's date: a therapist east of UTC records "today" while UTC is still on yesterday.
        RuleFor(c => c.AdministeredOn).NotNull();
        RuleFor(c => c.AdministeredOn)
            .Must(d => d!.Value <= calendar.Today())
            .When(c => c.AdministeredOn is not null).WithMessage("The date of administration cannot lie in the future.");
        RuleFor(c => c.Responses).NotNull();
    }
}

internal sealed class RecordAssessmentHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    InstrumentCatalogue catalogue, TimeProvider clock) : IRequestHandler<RecordAssessmentCommand, AssessmentDto>
{
    public async Task<AssessmentDto> Handle(RecordAssessmentCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var (instrument, answers) = AssessmentInput.Check(couple, command.PartnerId, command.Instrument, command.Responses!, catalogue);
        couple.EnsureOpen();

        var assessment = Assessment.Record(instrument, couple.Id, command.PartnerId!.Value, command.AdministeredOn!.Value,
            AssessmentSource.Therapist, answers, user.Id, clock.GetUtcNow());
        db.Assessments.Add(assessment);
        audit.Record("assessment.create", "assessment", assessment.Id, couple.Id);
        RiskItemFlags.RaiseIfAny(db, audit, instrument, assessment, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return assessment.ToDto(catalogue, await db.HistoryOfAsync(assessment, ct));
    }
}

internal static class AssessmentInput
{
    /// <summary>Every field problem at once: the partner, the instrument and each item by id.</summary>
    public static (InstrumentDefinition Instrument, IReadOnlyDictionary<string, int?> Answers) Check(Couple couple,
        Guid? partnerId, string? instrumentCode, ItemResponses responses, InstrumentCatalogue catalogue)
    {
        var errors = new Dictionary<string, string[]>();
        if (partnerId is not null && !couple.HasPartner(partnerId)) errors["partnerId"] = [Couple.NotAPartnerMessage];
        var instrument = catalogue.Latest(instrumentCode);
        IReadOnlyDictionary<string, int?> answers = new Dictionary<string, int?>();
        if (instrument is null)
            errors["instrument"] = ["Unknown instrument. Use one of: " + string.Join(", ", catalogue.All.Select(i => i.Code).Distinct()) + "."];
        else
            foreach (var (field, messages) in responses.Validate(instrument, out answers)) errors[field] = messages;
        if (errors.Count > 0) throw new FieldValidationException(errors);
        return (instrument!, answers);
    }

    public static async Task<List<Assessment>> HistoryOfAsync(this ClinicDbContext db, Assessment assessment, CancellationToken ct) =>
        await db.Assessments
            .Where(a => a.PartnerId == assessment.PartnerId && a.InstrumentCode == assessment.InstrumentCode)
            .ToListAsync(ct);
}
