using Clinic.Api.Domain.Conceptualisations;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<CaseConceptualisation> CaseConceptualisations => Set<CaseConceptualisation>();
    public DbSet<CaseConceptualisationVersion> CaseConceptualisationVersions => Set<CaseConceptualisationVersion>();
}
