namespace Clinic.Api.Domain;

public enum RuleViolation
{
    /// <summary>The change cannot apply to the record as it now stands (closed, signed, already done, stale).</summary>
    Conflict,

    /// <summary>The value sent breaks the rule; <see cref="DomainRuleException.Field"/> names it.</summary>
    InvalidInput,
}

/// <summary>
/// An entity refused a change that breaks one of its own rules. The problem-details handler maps it in one
/// place — a conflict is 409, an invalid input 400 naming the field — so an entity's guard is the answer the
/// client gets, never a 500, and handlers need not check first what the entity checks.
/// </summary>
public sealed class DomainRuleException : Exception
{
    private DomainRuleException(RuleViolation violation, string message, string? field) : base(message)
    {
        Violation = violation;
        Field = field;
    }

    public RuleViolation Violation { get; }

    /// <summary>The request field the rule is about (camelCase, as the client spells it); null for a conflict.</summary>
    public string? Field { get; }

    public static DomainRuleException Conflict(string message) => new(RuleViolation.Conflict, message, null);

    public static DomainRuleException Invalid(string field, string message) => new(RuleViolation.InvalidInput, message, field);
}
