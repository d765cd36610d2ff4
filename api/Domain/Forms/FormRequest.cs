using System.Text.Json;
using System.Text.Json.Serialization;

namespace Clinic.Api.Domain.Forms;

public enum FormRequestStatus
{
    [JsonStringEnumMemberName("pending")] Pending,
    [JsonStringEnumMemberName("completed")] Completed,
}

/// <summary>
/// A form sent to one partner (DESIGN §13). The partner answers one section at a time into a server-side
/// draft, then submits; the answers are private to that partner and the therapist. The form version is
/// pinned when it is sent.
/// </summary>
public sealed class FormRequest
{
    private FormRequest() { }

    public Guid Id { get; private set; }
    public Guid CoupleId { get; private set; }
    public Guid PartnerId { get; private set; }
    public string FormCode { get; private set; } = "";
    public int FormVersion { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid RequestedBy { get; private set; }
    public FormRequestStatus Status { get; private set; }
    /// <summary>Field name → answer so far, as JSON values; never shown to anyone but the partner until submitted.</summary>
    public Dictionary<string, JsonElement>? Draft { get; private set; }
    public DateTimeOffset? DraftSavedAt { get; private set; }
    public Dictionary<string, JsonElement>? Answers { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public uint Version { get; private set; }

    public static FormRequest Ask(Guid coupleId, Guid partnerId, FormDefinition form, Guid by, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(), CoupleId = coupleId, PartnerId = partnerId, FormCode = form.Code, FormVersion = form.Version,
        RequestedAt = now, RequestedBy = by, Status = FormRequestStatus.Pending,
    };

    public bool IsPending => Status == FormRequestStatus.Pending;

    public void EnsurePending()
    {
        if (!IsPending) throw DomainRuleException.Conflict("You have already sent this form.");
    }

    /// <summary>Merges one section's answers into the draft (a later save of a field replaces it; null clears it).</summary>
    public void SaveDraft(IReadOnlyDictionary<string, JsonElement> answers, DateTimeOffset now)
    {
        EnsurePending();
        var draft = Draft is null ? new Dictionary<string, JsonElement>(StringComparer.Ordinal) : new Dictionary<string, JsonElement>(Draft);
        foreach (var (name, value) in answers)
        {
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined) draft.Remove(name);
            else draft[name] = value.Clone();
        }
        Draft = draft;
        DraftSavedAt = now;
    }

    public void Complete(IReadOnlyDictionary<string, JsonElement> answers, DateTimeOffset now)
    {
        EnsurePending();
        Status = FormRequestStatus.Completed;
        Answers = answers.ToDictionary(a => a.Key, a => a.Value.Clone(), StringComparer.Ordinal);
        CompletedAt = now;
        Draft = null;
        DraftSavedAt = null;
    }
}
