using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>An HTTP client that signs in like the web app: bearer token in memory, refresh cookie.</summary>
public sealed class ApiClient(HttpClient http, ClinicApiFactory factory)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = http;
    public ClinicApiFactory Factory { get; } = factory;
    public string? AccessToken { get; private set; }
    public JsonNode? User { get; private set; }
    public Guid UserId => Guid.Parse(User!["id"]!.GetValue<string>());

    public async Task<HttpResponseMessage> TryLoginAsync(string email, string password, string? totpCode = null)
    {
        var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password, totpCode });
        if (response.IsSuccessStatusCode) await TakeTokenAsync(response);
        return response;
    }

    public async Task LoginAsync(string email, string password, string? totpCode = null)
    {
        var response = await TryLoginAsync(email, password, totpCode);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Login of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task<HttpResponseMessage> RefreshAsync()
    {
        var response = await Http.PostAsync("/api/auth/refresh", null);
        // 204: there was no refresh cookie, so no token either.
        if (response.StatusCode == System.Net.HttpStatusCode.OK) await TakeTokenAsync(response);
        return response;
    }

    public void UseToken(string? token) => AccessToken = token;

    private async Task TakeTokenAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        AccessToken = body["accessToken"]!.GetValue<string>();
        User = body["user"];
    }

    public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(HttpMethod.Get, url);
    public Task<HttpResponseMessage> DeleteAsync(string url) => SendAsync(HttpMethod.Delete, url);
    public Task<HttpResponseMessage> PostAsync(string url, object? body = null, IDictionary<string, string>? headers = null) =>
        SendAsync(HttpMethod.Post, url, body, headers);
    public Task<HttpResponseMessage> PutAsync(string url, object body) => SendAsync(HttpMethod.Put, url, body);
    public Task<HttpResponseMessage> PatchAsync(string url, object body) => SendAsync(HttpMethod.Patch, url, body);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (AccessToken is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (body is not null)
            request.Content = body is string raw
                ? new StringContent(raw, Encoding.UTF8, "application/json")
                : JsonContent.Create(body, options: Json);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        return await Http.SendAsync(request);
    }

    /// <summary>Sends and insists on the expected status, returning the JSON body.</summary>
    public async Task<JsonNode> ExpectAsync(HttpStatusCode status, HttpMethod method, string url, object? body = null)
    {
        var response = await SendAsync(method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != status)
            throw new Xunit.Sdk.XunitException($"{method} {url}: expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public Task<JsonNode> GetJsonAsync(string url) => ExpectAsync(HttpStatusCode.OK, HttpMethod.Get, url);
    public Task<JsonNode> PostJsonAsync(string url, object? body, HttpStatusCode status = HttpStatusCode.Created) =>
        ExpectAsync(status, HttpMethod.Post, url, body);
}

public static class ResponseExtensions
{
    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? new JsonObject();

    /// <summary>The field names of a 400 problem's errors object.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        return errors.Select(p => p.Key).ToList();
    }

    /// <summary>The first message a 400 problem gives for one field.</summary>
    public static async Task<string> ErrorMessageAsync(this HttpResponseMessage response, string field) =>
        (await response.JsonAsync())["errors"]![field]![0]!.GetValue<string>();
}
