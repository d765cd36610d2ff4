namespace Clinic.Api.Domain.Catalogues;

/// <summary>A validated, typed answer. Closed set: one case per <see cref="FieldType"/>.</summary>
public abstract record FieldValue
{
    private protected FieldValue() { }

    public sealed record Text(string Value) : FieldValue;
    public sealed record Boolean(bool Value) : FieldValue;
    public sealed record Integer(int Value) : FieldValue;
    public sealed record Choice(string Value) : FieldValue;
}
