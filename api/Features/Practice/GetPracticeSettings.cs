using Clinic.Api.Data;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Practice;

public sealed record GetPracticeSettingsQuery : IRequest<PracticeSettingsDto>;

internal sealed class GetPracticeSettingsHandler(ClinicDbContext db) : IRequestHandler<GetPracticeSettingsQuery, PracticeSettingsDto>
{
    public async Task<PracticeSettingsDto> Handle(GetPracticeSettingsQuery query, CancellationToken ct) =>
        PracticeSettingsViews.Dto(await db.PracticeSettings.SingleAsync(ct));
}

public sealed record GetCrisisResourcesQuery : IRequest<CrisisResourcesDto>;

/// <summary>Not clinical and the same for every partner, so it is not audited: reading it must cost a partner nothing.</summary>
internal sealed class GetCrisisResourcesHandler(ClinicDbContext db) : IRequestHandler<GetCrisisResourcesQuery, CrisisResourcesDto>
{
    public async Task<CrisisResourcesDto> Handle(GetCrisisResourcesQuery query, CancellationToken ct) =>
        PracticeSettingsViews.Crisis(await CrisisResources.MarkdownAsync(db, ct));
}

/// <summary>The practice's crisis text, for every answer that shows it (the portal route, a PHQ-9 with a risk item, a check-in).</summary>
internal static class CrisisResources
{
    public static Task<string> MarkdownAsync(ClinicDbContext db, CancellationToken ct) =>
        db.PracticeSettings.Select(s => s.CrisisResources).SingleAsync(ct);

    public static async Task<CrisisResourcesDto> DtoAsync(ClinicDbContext db, CancellationToken ct) =>
        PracticeSettingsViews.Crisis(await MarkdownAsync(db, ct));
}
