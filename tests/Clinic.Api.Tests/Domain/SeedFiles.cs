namespace Clinic.Api.Tests.Domain;

/// <summary>
/// Finds the shipped <c>seeds/</c> folder: copied beside the test binaries when the API project
/// links them as content, otherwise the repository's own folder found by walking up.
/// </summary>
internal static class SeedFiles
{
    public static string Path(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine([dir.FullName, "seeds", .. parts]);
            if (File.Exists(candidate) || Directory.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"seeds/{string.Join('/', parts)} not found above {AppContext.BaseDirectory}");
    }
}
