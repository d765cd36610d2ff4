using System.Net;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

public static class CycleMapBuilders
{
    /// <summary>A full map in the shape of the seeds' pursue–withdraw couples: A chases, B shuts down.</summary>
    public static object Map(JsonNode couple, int version, string exit = "We name it: 'the chase is starting' and take ten minutes.",
        string triggerA = "Sam goes quiet after work") => new
    {
        version,
        partners = new object[]
        {
            new
            {
                partnerId = couple.PartnerId(0), trigger = triggerA, moves = new[] { "criticise", "chase" },
                moveInOwnWords = "follows Sam from room to room", feeling = "alone, panicky", fear = "I don't matter to you",
                need = "to know you're still there",
            },
            new
            {
                partnerId = couple.PartnerId(1), trigger = "Alex's raised voice", moves = new[] { "shut_down", "leave" },
                moveInOwnWords = "", feeling = "flooded, ashamed", fear = "I'm failing you", need = "to be enough as I am",
            },
        },
        exit,
    };

    public static Task<JsonNode> SaveMapAsync(this ApiClient therapist, JsonNode couple, int version, string? exit = null) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Put, $"/api/couples/{couple.Id()}/cycle-map",
            exit is null ? Map(couple, version) : Map(couple, version, exit));

    public static Task<JsonNode> ShareMapAsync(this ApiClient therapist, JsonNode couple) =>
        therapist.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/couples/{couple.Id()}/cycle-map/share");
}
