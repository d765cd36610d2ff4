using Clinic.Api.Data;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Time;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.TreatmentPlans;

/// <summary>A review of the current plan: what the therapist found (<c>summary</c>) and what they changed or will change.</summary>
public sealed record ReviewTreatmentPlanCommand(string? Summary, string? Changes) : IRequest<TreatmentPlanReviewDto>
{
    internal Guid CoupleId { get; init; }
}

public sealed class ReviewTreatmentPlanValidator : AbstractValidator<ReviewTreatmentPlanCommand>
{
    public ReviewTreatmentPlanValidator()
    {
        RuleFor(c => c.Summary).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Say what the review found.").MaximumLength(4000);
        RuleFor(c => c.Changes).MaximumLength(4000);
    }
}

internal sealed class ReviewTreatmentPlanHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock,
    PracticeCalendar calendar) : IRequestHandler<ReviewTreatmentPlanCommand, TreatmentPlanReviewDto>
{
    public async Task<TreatmentPlanReviewDto> Handle(ReviewTreatmentPlanCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        couple.EnsureOpen();
        var (plan, _) = await db.CurrentPlanAsync(couple.Id, ct, tracking: true);
        if (plan is null || plan.Version == 0) throw new ConflictException("Save the treatment plan before reviewing it.");
        var author = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        var review = plan.Review(command.Summary!, command.Changes ?? "", calendar.Today(), user.Id, author.Trim(), clock.GetUtcNow());
        db.TreatmentPlanReviews.Add(review);
        audit.Record("treatment_plan.review", "treatment_plan", couple.Id, couple.Id, detail: $"version {review.PlanVersion}");
        await db.SaveChangesAsync(ct);
        return TreatmentPlanMapping.Review(review);
    }
}

public sealed record ListTreatmentPlanReviewsQuery(Guid CoupleId) : IRequest<IReadOnlyList<TreatmentPlanReviewDto>>;

internal sealed class ListTreatmentPlanReviewsHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit)
    : IRequestHandler<ListTreatmentPlanReviewsQuery, IReadOnlyList<TreatmentPlanReviewDto>>
{
    public async Task<IReadOnlyList<TreatmentPlanReviewDto>> Handle(ListTreatmentPlanReviewsQuery query, CancellationToken ct)
    {
        await db.EnsureOwnedCoupleAsync(user, query.CoupleId, ct);
        var reviews = await db.TreatmentPlanReviews.Where(r => r.CoupleId == query.CoupleId).OrderByDescending(r => r.ReviewedAt)
            .ToListAsync(ct);
        audit.Record("treatment_plan.reviews.read", "treatment_plan", query.CoupleId, query.CoupleId);
        await db.SaveChangesAsync(ct);
        return reviews.Select(TreatmentPlanMapping.Review).ToList();
    }
}
