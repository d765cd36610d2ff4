namespace Clinic.Api.Domain.Catalogues;

/// <summary>
/// Collects validation messages keyed by field path, in the shape problem details carry
/// (<c>errors: { "responses.ecrrs-3": ["…"] }</c>), so API handlers can pass them straight on.
/// A local builder, created per validation call and never shared.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }
        messages.Add(message);
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
