using Clinic.Api.Domain.TreatmentPlans;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<TreatmentPlan> TreatmentPlans => Set<TreatmentPlan>();
    public DbSet<TreatmentPlanVersion> TreatmentPlanVersions => Set<TreatmentPlanVersion>();
    public DbSet<TreatmentPlanReview> TreatmentPlanReviews => Set<TreatmentPlanReview>();
    public DbSet<TreatmentPlanAgreement> TreatmentPlanAgreements => Set<TreatmentPlanAgreement>();
    public DbSet<ClosingSummary> ClosingSummaries => Set<ClosingSummary>();
}
