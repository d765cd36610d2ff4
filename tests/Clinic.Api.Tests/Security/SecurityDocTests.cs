using System.Reflection;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// SECURITY.md says which test proves each control. Those names must stay true: a test renamed or
/// removed without the page following would leave a control that only looks proven.
/// </summary>
public sealed partial class SecurityDocTests
{
    private static readonly string Root = PostgresServer.RepoRoot;

    [Fact]
    public void EveryTestSecurityMdNames_Exists()
    {
        var references = TestedByReferences().ToList();
        var missing = references.Where(r => !Exists(r)).ToList();

        references.Should().HaveCountGreaterThan(40, "each control names its tests");
        missing.Should().BeEmpty("SECURITY.md names these, and they must exist");
    }

    [Fact]
    public void Readme_SecuritySection_PointsToSecurityMd()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var section = readme[readme.IndexOf("## Security model", StringComparison.Ordinal)..];

        section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)].Should().Contain("(SECURITY.md)");
    }

    /// <summary>Each backticked name in the "tested by" column of the controls' tables.</summary>
    private static IEnumerable<string> TestedByReferences()
    {
        var text = File.ReadAllText(Path.Combine(Root, "SECURITY.md"));
        var controls = text[text.IndexOf("## Controls", StringComparison.Ordinal)..];
        controls = controls[..controls.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        foreach (var row in controls.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| control", StringComparison.Ordinal)))
        {
            var testedBy = row.TrimEnd().TrimEnd('|').Split('|')[^1];
            foreach (Match name in Backticked().Matches(testedBy))
            {
                var value = name.Groups[1].Value;
                // "Features/*/…PrivacyTests" and "the …_IsAudited tests" name families, not one test; .env is never committed.
                if (!value.Contains('…') && !value.Contains('*') && !value.StartsWith("make ", StringComparison.Ordinal) && value != ".env")
                    yield return value;
            }
        }
    }

    private static bool Exists(string reference)
    {
        var parts = reference.Split('›', StringSplitOptions.TrimEntries);
        var subject = parts[0];
        if (subject.EndsWith(".mjs", StringComparison.Ordinal))
        {
            var file = Path.Combine(Root, "web", "e2e", Path.GetFileName(subject));
            return File.Exists(file) && (parts.Length == 1 || File.ReadAllText(file).Contains($"'{parts[1]}'", StringComparison.Ordinal));
        }
        if (subject.EndsWith(".ts", StringComparison.Ordinal))
            return File.Exists(Path.Combine(Root, subject)) || File.Exists(Path.Combine(Root, "web", "src", "app", subject));
        if (subject.StartsWith('.') || subject.Contains('.'))
            return File.Exists(Path.Combine(Root, subject));

        var className = subject.Split('/')[^1];
        var types = typeof(SecurityDocTests).Assembly.GetTypes().Where(t => t.Name == className).ToList();
        if (parts.Length == 1) return types.Count > 0;
        return types.Any(t => t.GetMethod(parts[1], BindingFlags.Public | BindingFlags.Instance) is { } method &&
                              method.GetCustomAttributes<FactAttribute>().Any());
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Backticked();
}
