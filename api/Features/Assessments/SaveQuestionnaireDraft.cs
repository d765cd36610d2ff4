using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Assessments;

/// <param name="Responses">The answers so far, by item id; unanswered items are simply absent.</param>
public sealed record SaveQuestionnaireDraftCommand(ItemResponses? Responses) : IRequest<QuestionnaireDraftDto>
{
    internal Guid Id { get; init; }
}

public sealed record QuestionnaireDraftDto(Guid QuestionnaireId, IReadOnlyDictionary<string, int> Responses, DateTimeOffset SavedAt);

public sealed class SaveQuestionnaireDraftValidator : AbstractValidator<SaveQuestionnaireDraftCommand>
{
    public SaveQuestionnaireDraftValidator() => RuleFor(c => c.Responses).NotNull();
}

/// <summary>
/// Keeps a half-answered questionnaire on the server, never in the browser, so the partner can
/// finish later or on another device. Each save replaces the draft whole. A draft is checked for
/// what it holds (an unknown item or an out-of-range answer is a 400 naming it) but is never
/// scored, never raises a risk flag and is not shown to the therapist: answers count when sent.
/// </summary>
internal sealed class SaveQuestionnaireDraftHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit,
    InstrumentCatalogue catalogue, TimeProvider clock) : IRequestHandler<SaveQuestionnaireDraftCommand, QuestionnaireDraftDto>
{
    public async Task<QuestionnaireDraftDto> Handle(SaveQuestionnaireDraftCommand command, CancellationToken ct)
    {
        var (partner, couple) = await db.PortalPartnerAsync(user, ct);
        var request = await db.QuestionnaireRequests.AsTracking()
                          .SingleOrDefaultAsync(r => r.Id == command.Id && r.PartnerId == partner.Id, ct)
                      ?? throw new NotFoundException("questionnaire", command.Id);
        request.EnsurePending();
        couple.EnsureOpen();
        var instrument = catalogue.Latest(request.Instrument)
            ?? throw new InvalidOperationException($"Instrument {request.Instrument} is no longer in the catalogue.");
        var errors = command.Responses!.ValidateDraft(instrument, out var answers);
        if (errors.Count > 0) throw new FieldValidationException(errors);

        // Stored under the catalogue's spelling of each id, unanswered (null) items left out.
        var ids = instrument.Items.ToDictionary(i => i.Id, StringComparer.OrdinalIgnoreCase);
        var draft = answers.Where(a => a.Value is not null).ToDictionary(a => ids[a.Key].Id, a => a.Value!.Value, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        request.SaveDraft(draft, now);
        audit.Record("questionnaire.draft_save", "questionnaire_request", request.Id, partner.CoupleId);
        await db.SaveChangesAsync(ct);
        return new QuestionnaireDraftDto(request.Id, draft, now);
    }
}
