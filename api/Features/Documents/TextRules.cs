using FluentValidation;

namespace Clinic.Api.Features.Documents;

/// <summary>Free text as PostgreSQL can keep it: within its length and without NUL characters, which it refuses.</summary>
public static class TextRules
{
    public static IRuleBuilderOptions<T, string?> CleanText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).Must(s => s is null || !s.Contains('\0')).WithMessage("Must not contain NUL characters.");
}
