using Clinic.Api.Domain.Catalogues;

namespace Clinic.Api.Domain.Homework;

/// <summary>
/// What the homework metrics need to know about one (non-withdrawn) entry. The caller projects
/// stored entries into this; withdrawn entries must be left out.
/// </summary>
public sealed record EntryFact(
    Guid EntryId,
    Guid AssignmentId,
    Guid PartnerId,
    DateOnly OccurredOn,
    EntryRole Role,
    IReadOnlyDictionary<string, FieldValue>? Values = null)
{
    public int? Integer(string field) =>
        Values is not null && Values.TryGetValue(field, out var v) && v is FieldValue.Integer i ? i.Value : null;

    public bool? Boolean(string field) =>
        Values is not null && Values.TryGetValue(field, out var v) && v is FieldValue.Boolean b ? b.Value : null;
}
