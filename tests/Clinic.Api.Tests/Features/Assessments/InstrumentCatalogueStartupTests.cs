using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Features.Assessments;

/// <summary>A malformed instrument file stops the app at start-up, naming the file and the field; no client ever meets it.</summary>
public sealed class InstrumentCatalogueStartupTests
{
    [Fact]
    public async Task BrokenInstrumentFile_StopsStartUp_NamingTheFileAndField()
    {
        var seeds = Path.Combine(Path.GetTempPath(), "clinic-broken-seeds-" + Guid.NewGuid().ToString("N"));
        CopyDirectory(Path.Combine(PostgresServer.RepoRoot, "seeds"), seeds);
        var phq9 = Path.Combine(seeds, "instruments", "phq-9.json");
        // GAD-7's threshold is right; a PHQ-9 band that overlaps its neighbour is not.
        await File.WriteAllTextAsync(phq9, (await File.ReadAllTextAsync(phq9))
            .Replace("\"code\": \"moderate\", \"label\": \"Moderate\", \"min\": 10", "\"code\": \"moderate\", \"label\": \"Moderate\", \"min\": 9"));
        var factory = new SeedsFactory(seeds);
        try
        {
            var start = () => factory.InitializeAsync();

            var refused = (await start.Should().ThrowAsync<CatalogueException>()).Which;
            refused.File.Should().EndWith(Path.Combine("instruments", "phq-9.json"));
            refused.Message.Should().Contain("phq-9.json").And.Contain("band 'moderate' must start right after 'mild' ends");
        }
        finally
        {
            await factory.DisposeAsync();
            Directory.Delete(seeds, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(directory.Replace(from, to));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(from, to));
    }

    private sealed class SeedsFactory(string seeds) : ClinicApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Clinic:SeedsDirectory", seeds);
        }
    }
}
