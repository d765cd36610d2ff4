using System.Text.Json;
using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Safety;

/// <param name="Answer">The option value given; <paramref name="AnswerLabel"/> is how the client saw it.</param>
public sealed record SafetyFlagReason(string Item, string Answer, string AnswerLabel, string Reason);

/// <param name="FreeText">The optional free-text answer, carried to the therapist whether or not a flag is raised.</param>
public sealed record SafetyCheckResult(
    bool RaisesFlag,
    IReadOnlyList<SafetyFlagReason> Reasons,
    string? FreeText,
    IReadOnlyDictionary<string, FieldValue> Answers);

public sealed record SafetyCheckOutcome(IReadOnlyDictionary<string, string[]> Errors, SafetyCheckResult? Result)
{
    public bool IsValid => Result is not null;
}

/// <summary>
/// Evaluates a submitted check-in. Deliberately sensitive: anything but the safest answer —
/// including "unsure" and a single past incident — raises a therapist-only flag, because a
/// missed risk costs far more than a conversation about a false alarm. Free text alone never
/// raises a flag (it cannot be read reliably by rule) but is always carried for the therapist.
/// </summary>
public static class SafetyCheck
{
    public static SafetyCheckOutcome Evaluate(SafetyCheckDefinition definition, IReadOnlyDictionary<string, JsonElement> answers)
    {
        var errors = new FieldErrors();
        var values = FieldAnswers.Read(definition.Items.Select(i => i.ToField()).ToList(), answers, "answers", errors);
        if (!errors.IsEmpty) return new SafetyCheckOutcome(errors.ToDictionary(), null);

        var reasons = definition.Items
            .Where(i => i.Type == FieldType.Choice && values.TryGetValue(i.Name, out var v)
                && v is FieldValue.Choice c && c.Value != i.SafestAnswer)
            .Select(i =>
            {
                var answer = ((FieldValue.Choice)values[i.Name]).Value;
                var label = i.Options!.Single(o => o.Value == answer).Label;
                return new SafetyFlagReason(i.Name, answer, label, i.FlagReason!);
            })
            .ToList();

        var freeText = definition.Items
            .Where(i => i.Type == FieldType.Text)
            .Select(i => values.GetValueOrDefault(i.Name))
            .OfType<FieldValue.Text>()
            .Select(t => t.Value)
            .FirstOrDefault();

        return new SafetyCheckOutcome(
            new Dictionary<string, string[]>(),
            new SafetyCheckResult(reasons.Count > 0, reasons, freeText, values));
    }
}
