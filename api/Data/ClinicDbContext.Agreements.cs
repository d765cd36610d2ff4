using Clinic.Api.Domain.Agreements;
using Clinic.Api.Domain.Forms;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

public partial class ClinicDbContext
{
    public DbSet<PracticeDocument> Documents => Set<PracticeDocument>();
    public DbSet<DocumentVersion> DocumentVersions => Set<DocumentVersion>();
    public DbSet<Agreement> Agreements => Set<Agreement>();
    public DbSet<AgreementSignature> AgreementSignatures => Set<AgreementSignature>();
    public DbSet<AgreementDecline> AgreementDeclines => Set<AgreementDecline>();
    public DbSet<Release> Releases => Set<Release>();
    public DbSet<ReleaseSignature> ReleaseSignatures => Set<ReleaseSignature>();
    public DbSet<PracticeForm> PracticeForms => Set<PracticeForm>();
    public DbSet<FormRequest> FormRequests => Set<FormRequest>();
}
