using System.Runtime.CompilerServices;
using Clinic.Api.Data;
using Clinic.Api.Features.Assessments;
using Clinic.Api.Features.Homework;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Startup;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Fhir;

internal sealed class FhirModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration) => services.AddScoped<PracticeExport>();
}

/// <summary>
/// The practice export (issue 33): every couple, open or closed, as one FHIR R4 Bundle a line (NDJSON,
/// <c>application/fhir+ndjson</c>, as FHIR Bulk Data files are), with the agreements the partners signed and a closed case's
/// signed closing summary, so a practice can take its whole record to
/// another system. Couples are read 50 at a time and each Bundle is written as soon as it is built, so memory stays
/// flat however large the practice. Audited when it starts, with the number of couples.
/// </summary>
internal sealed class PracticeExport(ClinicDbContext db, AuditTrail audit, InstrumentCatalogue instruments, ExerciseCatalogue exercises,
    TimeProvider clock)
{
    public const int PageSize = 50;

    public async Task<int> StartAsync(CancellationToken ct)
    {
        var couples = await db.Couples.CountAsync(ct);
        audit.Record("practice.export", "practice", null, null, detail: $"{couples} couples as FHIR R4 NDJSON");
        await db.SaveChangesAsync(ct);
        return couples;
    }

    public async IAsyncEnumerable<string> LinesAsync([EnumeratorCancellation] CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        Guid? after = null;
        while (true)
        {
            var page = await db.Couples.Include(c => c.Partners)
                .Where(c => after == null || c.Id.CompareTo(after.Value) > 0)
                .OrderBy(c => c.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) yield break;
            var ids = page.Select(c => c.Id).ToList();
            var therapistIds = page.Select(c => c.TherapistId).Distinct().ToList();
            var therapists = await db.Users.Where(u => therapistIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => (u.FirstName, u.LastName), ct);
            var sessions = (await db.Sessions.Include(s => s.Amendments).Where(s => ids.Contains(s.CoupleId)).ToListAsync(ct)).ToLookup(s => s.CoupleId);
            var assessments = (await db.Assessments.Where(a => ids.Contains(a.CoupleId))
                .OrderBy(a => a.AdministeredOn).ThenBy(a => a.CreatedAt).ToListAsync(ct)).ToLookup(a => a.CoupleId);
            var homework = (await db.HomeworkAssignments.Where(a => ids.Contains(a.CoupleId)).ToListAsync(ct)).ToLookup(a => a.CoupleId);
            var assignmentIds = homework.SelectMany(g => g).Select(a => a.Id).ToList();
            var entries = (await db.HomeworkEntries.Where(e => assignmentIds.Contains(e.AssignmentId)).ToListAsync(ct))
                .ToLookup(e => e.AssignmentId);
            var agreements = (await db.Agreements.Include(a => a.Signatures).Where(a => ids.Contains(a.CoupleId)).ToListAsync(ct))
                .ToLookup(a => a.CoupleId);
            var versionIds = agreements.SelectMany(g => g).Select(a => a.DocumentVersionId).Distinct().ToList();
            var versions = await db.DocumentVersions.Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, ct);
            var closings = await db.ClosingSummaries.Where(c => ids.Contains(c.CoupleId)).ToDictionaryAsync(c => c.CoupleId, ct);
            foreach (var couple in page)
            {
                var (first, last) = therapists.GetValueOrDefault(couple.TherapistId, ("", ""));
                var record = new CoupleRecord(couple, first, last, sessions[couple.Id].ToList(), assessments[couple.Id].ToList(),
                    homework[couple.Id].ToList(), homework[couple.Id].SelectMany(a => entries[a.Id]).ToList(),
                    agreements[couple.Id].Select(a => (a, versions[a.DocumentVersionId])).ToList(), closings.GetValueOrDefault(couple.Id));
                yield return FhirMeasures.ToJson(FhirPractice.Bundle(record, instruments, exercises, now));
            }
            after = page[^1].Id;
            db.ChangeTracker.Clear();
        }
    }
}
