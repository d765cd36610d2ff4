using Clinic.Api.Domain.Users;
using FluentValidation;

namespace Clinic.Api.Infrastructure.Auth;

public static class PasswordRules
{
    /// <summary>A new password (accepting an invitation, changing one's own): <see cref="PasswordPolicy"/>, one message whichever bound it misses.</summary>
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage(PasswordPolicy.LengthMessage)
            .Length(PasswordPolicy.MinimumLength, PasswordPolicy.MaximumLength).WithMessage(PasswordPolicy.LengthMessage);
}
