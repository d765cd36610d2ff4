using Clinic.Api.Data;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Forms;
using Clinic.Api.Infrastructure.Startup;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.Forms;

/// <summary>The forms shipped in <c>seeds/forms</c>, loaded once at start-up like the exercises.</summary>
public sealed class FormCatalogue(IReadOnlyList<FormDefinition> definitions)
{
    public IReadOnlyList<FormDefinition> All { get; } = definitions;

    public FormDefinition? Get(string code, int version) => All.FirstOrDefault(f => f.Code == code && f.Version == version);
}

/// <summary>Where a form comes from: shipped with Clinic, or added by the practice.</summary>
public enum FormSource { Catalogue, Practice }

/// <summary>
/// Every form a request may name: the shipped catalogue and the practice's own (table <c>practice_forms</c>),
/// versions of one code numbered across both. A request pins the version it was sent with.
/// </summary>
public sealed class FormLookup(ClinicDbContext db, FormCatalogue catalogue)
{
    public async Task<IReadOnlyList<(FormDefinition Form, FormSource Source)>> AllVersionsAsync(CancellationToken ct)
    {
        var practice = await db.PracticeForms.OrderBy(f => f.Code).ThenBy(f => f.Version).ToListAsync(ct);
        return catalogue.All.Select(f => (f, FormSource.Catalogue))
            .Concat(practice.Select(p => (Parse(p), FormSource.Practice)))
            .ToList();
    }

    /// <summary>The newest version of each form, by code.</summary>
    public async Task<IReadOnlyList<(FormDefinition Form, FormSource Source)>> LatestAsync(CancellationToken ct) =>
        (await AllVersionsAsync(ct)).GroupBy(f => f.Form.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(f => f.Form.Version)).OrderBy(f => f.Form.Title, StringComparer.Ordinal).ToList();

    public async Task<FormDefinition?> LatestOfAsync(string code, CancellationToken ct)
    {
        var practice = await db.PracticeForms.Where(f => f.Code == code).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);
        var shipped = catalogue.All.Where(f => f.Code == code).MaxBy(f => f.Version);
        if (practice is null) return shipped;
        return shipped is not null && shipped.Version > practice.Version ? shipped : Parse(practice);
    }

    public async Task<FormDefinition> GetAsync(string code, int version, CancellationToken ct)
    {
        if (catalogue.Get(code, version) is { } shipped) return shipped;
        var practice = await db.PracticeForms.SingleOrDefaultAsync(f => f.Code == code && f.Version == version, ct)
                       ?? throw new InvalidOperationException($"Form '{code}' version {version} is neither shipped nor the practice's.");
        return Parse(practice);
    }

    private static FormDefinition Parse(PracticeForm form) =>
        CatalogueLoader.Parse<FormDefinition>(form.Definition, $"practice form {form.Code} v{form.Version}");
}

internal sealed class FormsModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddCatalogue(seeds => new FormCatalogue(CatalogueLoader.LoadDirectory<FormDefinition>(Path.Combine(seeds, "forms"))));
        services.AddScoped<FormLookup>();
    }
}
