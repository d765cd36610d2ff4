using System.Text.Json;
using System.Text.Json.Nodes;
using Clinic.Api.Infrastructure.Errors;

namespace Clinic.Api.Infrastructure.Json;

/// <summary>
/// A PUT or PATCH whose command accepts the body its GET returned. The GET's read-only members (an id,
/// <c>timeZone</c>, <c>updatedAt</c>, …) are not members of the command, so the serializer puts them in
/// <see cref="ReadOnlyMembers"/> instead of refusing them; the handler then calls
/// <see cref="ReadOnlyMemberCheck.Check"/> with the record as it stands, which ignores each one sent
/// unchanged and answers 400 naming any that was changed or that the GET does not have.
/// RoundTripTests finds every GET/PUT and GET/PATCH pair and sends each GET's body back.
/// </summary>
public interface IAcceptsReadBody
{
    /// <summary>Bound by System.Text.Json from members that are not the command's own (mark it <c>[JsonExtensionData]</c>).</summary>
    Dictionary<string, JsonElement>? ReadOnlyMembers { get; }
}

public static class ReadOnlyMemberCheck
{
    /// <param name="current">What the GET answers for this record right now (before the write).</param>
    /// <param name="prefix">Where the body sits in the request, for the field names ("partners[0].").</param>
    public static void Check(IAcceptsReadBody command, object current, string prefix = "")
    {
        if (command.ReadOnlyMembers is not { Count: > 0 } sent) return;
        var read = JsonSerializer.SerializeToNode(current, current.GetType(), JsonSetup.Options) as JsonObject ?? [];
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in sent)
        {
            if (!read.TryGetPropertyValue(name, out var stored))
                errors[prefix + name] = ["This field is not allowed here."];
            else if (!JsonNode.DeepEquals(JsonNode.Parse(value.GetRawText()), stored))
                errors[prefix + name] = ["This field is read-only here: send it as you read it, or leave it out."];
        }
        if (errors.Count > 0) throw new FieldValidationException(errors);
    }
}
