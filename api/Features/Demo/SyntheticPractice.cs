namespace Clinic.Api.Features.Demo;

public sealed record SyntheticOptions(int Therapists, int CouplesPerTherapist, int SessionsPerCouple, int Seed)
{
    public static SyntheticOptions Parse(string[] args) => throw new ArgumentException("The synthetic generator is not available yet.");
}

public sealed record SyntheticReport
{
    public string Describe() => "";
}

public sealed class SyntheticPractice
{
    public Task<SyntheticReport> LoadAsync(SyntheticOptions options, CancellationToken ct) => throw new NotImplementedException();
}
