using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Seed;

/// <summary>
/// The app and the seed tool read their catalogues and the demo from <c>seeds/</c> beside the built
/// app, while the tests point <c>Clinic:SeedsDirectory</c> at the repository's copy — so a seed file the
/// build does not copy passed every test and stopped <c>make up</c> (the practice documents' .md files
/// once did). Every file the app reads must be in the API project's build output.
/// </summary>
public sealed class SeedFilesShippedTests
{
    [Fact]
    public void EverySeedFile_IsCopiedBesideTheBuiltApp()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}") ? "Debug" : "Release";
        var repoSeeds = Path.Combine(PostgresServer.RepoRoot, "seeds");
        var shipped = Path.Combine(PostgresServer.RepoRoot, "api", "bin", configuration, "net10.0", "seeds");
        // The sign-in sheet is printed by make up from the repository, not read by the app.
        var needed = Directory.EnumerateFiles(repoSeeds, "*", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".txt", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(repoSeeds, f)).ToList();

        needed.Should().Contain(f => f.EndsWith(".md", StringComparison.Ordinal)).And.Contain(f => f.EndsWith(".json", StringComparison.Ordinal));
        needed.Where(f => !File.Exists(Path.Combine(shipped, f))).Should().BeEmpty(
            "the API project (api/Clinic.Api.csproj) copies every seed file the app reads into its output");
    }
}
