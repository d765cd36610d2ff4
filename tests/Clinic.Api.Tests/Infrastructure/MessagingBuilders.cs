using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>Threads and messages (issue 31), arranged through the API.</summary>
public static class MessagingBuilders
{
    public sealed record Threads(Guid Joint, Guid PrivateA, Guid PrivateB, JsonNode List);

    /// <summary>The couple's three threads as its therapist lists them.</summary>
    public static async Task<Threads> ThreadsAsync(this ApiClient therapist, JsonNode couple)
    {
        var list = await therapist.GetJsonAsync($"/api/couples/{couple.Id()}/threads");
        Guid Of(string? partnerId) => list["items"]!.AsArray().Single(t => t!["partnerId"]?.GetValue<string>() == partnerId)!.Id();
        return new Threads(Of(null), Of(couple.PartnerId(0).ToString()), Of(couple.PartnerId(1).ToString()), list);
    }

    /// <summary>The route prefix for the caller: the portal's for a partner, the workspace's for a therapist.</summary>
    public static string ThreadsPath(this ApiClient client) =>
        client.User!["role"]!.GetValue<string>() == "client" ? "/api/portal/threads" : "/api/threads";

    public static Task<HttpResponseMessage> PostMessageAsync(this ApiClient client, Guid thread, string body, string? key = null) =>
        client.PostAsync($"{client.ThreadsPath()}/{thread}/messages", new { body },
            key is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = key });

    public static async Task<JsonNode> WriteAsync(this ApiClient client, Guid thread, string body)
    {
        var response = await client.PostMessageAsync(thread, body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static Task<JsonNode> MessagesAsync(this ApiClient client, Guid thread, string query = "") =>
        client.GetJsonAsync($"{client.ThreadsPath()}/{thread}/messages{query}");

    public static IEnumerable<string> Bodies(this JsonNode page) => page["items"]!.AsArray().Select(m => m!["body"]!.GetValue<string>());

    public static Task<JsonNode> MarkReadAsync(this ApiClient client, Guid thread, long upTo) =>
        client.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"{client.ThreadsPath()}/{thread}/read", new { upTo });

    public static JsonNode Thread(this JsonNode list, Guid id) => list["items"]!.AsArray().Single(t => t!.Id() == id)!;
}
