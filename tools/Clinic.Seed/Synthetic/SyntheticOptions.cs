using System.Globalization;

namespace Clinic.Seed.Synthetic;

/// <summary>
/// <c>seed --synthetic --therapists 50 --couples-per-therapist 40 --sessions-per-couple 30 [--seed 42]</c>.
/// </summary>
public sealed record SyntheticOptions(int Therapists, int CouplesPerTherapist, int SessionsPerCouple, int Seed)
{
    public const string Password = "Synthetic-demo-2026!";

    private static readonly string[] Names = ["--therapists", "--couples-per-therapist", "--sessions-per-couple", "--seed"];

    public static SyntheticOptions Parse(IReadOnlyList<string> args)
    {
        int Value(string name, int fallback, int min, int max)
        {
            var at = args.ToList().IndexOf(name);
            if (at < 0) return fallback;
            if (at + 1 >= args.Count || !int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                || value < min || value > max)
                throw new ArgumentException($"{name} needs a whole number from {min} to {max}.");
            return value;
        }
        return new SyntheticOptions(Value("--therapists", 50, 1, 1000), Value("--couples-per-therapist", 40, 1, 1000),
            Value("--sessions-per-couple", 30, 1, 200), Value("--seed", 42, 0, int.MaxValue));
    }

    /// <summary>The arguments the host's configuration should see: the generator's own options removed.</summary>
    public static string[] WithoutSeedOptions(IReadOnlyList<string> args)
    {
        var kept = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--synthetic") continue;
            if (Names.Contains(args[i])) { i++; continue; }
            kept.Add(args[i]);
        }
        return kept.ToArray();
    }
}
