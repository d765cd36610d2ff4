using System.Text.Json;
using Clinic.Api.Data;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Startup;
using Clinic.Api.Infrastructure.Time;
using MediatR;
using Microsoft.Extensions.Options;

namespace Clinic.Api.Features.MyData;

public sealed record MyDataFile(byte[] Zip, string FileName);

public sealed record ExportMyDataQuery : IRequest<MyDataFile>;

/// <summary>
/// A partner's copy of their own data (right of access; DESIGN §17): every <see cref="IMyDataSection"/> in order, as
/// JSON and as a readable page, in one ZIP. Audited; rate-limited per account (<see cref="RateLimitPolicies.MyData"/>).
/// </summary>
internal sealed class ExportMyDataHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, IEnumerable<IMyDataSection> sections,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, IOptions<PracticeOptions> practice, TimeProvider clock)
    : IRequestHandler<ExportMyDataQuery, MyDataFile>
{
    public async Task<MyDataFile> Handle(ExportMyDataQuery query, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var caller = new MyDataCaller(me, couple);
        var now = clock.GetUtcNow();
        var parts = new List<MyDataDocument.Section>();
        foreach (var section in sections.OrderBy(s => s.Order).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            var content = await section.CollectAsync(caller, ct);
            parts.Add(new(section.Key, section.Title, content is null ? null : JsonSerializer.SerializeToNode(content, content.GetType(), json.Value.SerializerOptions)));
        }
        audit.Record("portal.my_data.export", "partner", me.Id, couple.Id, detail: string.Join(",", parts.Select(p => p.Key)));
        await db.SaveChangesAsync(ct);
        return new MyDataFile(MyDataDocument.Zip(practice.Value.Name, now, parts), $"my-data-{now:yyyy-MM-dd}.zip");
    }
}
