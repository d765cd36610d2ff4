namespace Clinic.Api.Domain.Forms;

/// <summary>A form a practice added: its definition kept whole as jsonb, as the catalogue files keep theirs.</summary>
public sealed class PracticeForm
{
    private PracticeForm() { }

    public string Code { get; private set; } = "";
    public int Version { get; private set; }
    public string Title { get; private set; } = "";
    public string Definition { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid CreatedBy { get; private set; }

    public static PracticeForm From(FormDefinition form, string json, Guid by, DateTimeOffset now) => new()
    {
        Code = form.Code, Version = form.Version, Title = form.Title, Definition = json, CreatedAt = now, CreatedBy = by,
    };
}
