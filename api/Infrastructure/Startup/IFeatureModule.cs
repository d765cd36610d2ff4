namespace Clinic.Api.Infrastructure.Startup;

/// <summary>
/// A feature's own services (a catalogue, a policy). Found by scanning, like endpoint groups, so
/// a feature never edits composition code.
/// </summary>
public interface IFeatureModule
{
    void AddServices(IServiceCollection services, IConfiguration configuration);
}

public static class SeedPaths
{
    /// <summary>Where the shipped catalogues and demo data live: next to the binary unless configured.</summary>
    public static string Directory(IConfiguration configuration) =>
        configuration["Clinic:SeedsDirectory"] ?? Path.Combine(AppContext.BaseDirectory, "seeds");
}
