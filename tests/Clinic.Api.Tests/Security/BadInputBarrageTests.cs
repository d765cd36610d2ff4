using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Clinic.Api.Tests.Infrastructure;
using static Clinic.Api.Tests.Security.Caller;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// Issue 26: no input answers 500, on any route. Every route comes from the authorization matrix, which
/// must have a row for every mapped route (so a route added later is in the barrage too), with a body valid
/// for the caller allowed to write. Each string in that body is sent again with a NUL, each date a year
/// past 2100 and before 1900: a 400 naming the field. Every route also meets a NUL and an impossible page in
/// its query string, and every write an empty JSON body.
/// </summary>
public sealed partial class BadInputBarrageTests(ArrangedPracticeFactory factory) : IClassFixture<ArrangedPracticeFactory>
{
    private static readonly Caller[] Preference = [Owner, Admin, PartnerX1, PartnerX2, PartnerY, OtherTherapist, Anon];

    /// <summary>Each placeholder arranged once per practice: refused inputs change nothing, so one id serves every row that names it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Practice, Dictionary<string, string>> Arranged = new();

    private Dictionary<string, string> _ids => Arranged.GetValue(factory.Practice, _ => new(StringComparer.Ordinal));

    private async Task<(string Url, Dictionary<string, string> Ids)> UrlAsync(MatrixRow row)
    {
        foreach (Match m in Regex.Matches(row.Template, @"\{([^{}]+)\}"))
            if (!_ids.ContainsKey(m.Groups[1].Value))
                foreach (var (name, id) in await AuthorizationMatrixTests.ResolveAsync(factory.Practice, m.Value)) _ids.TryAdd(name, id);
        return (Regex.Replace(row.Template, @"\{([^{}]+)\}", m => _ids[m.Groups[1].Value]), _ids);
    }

    /// <summary>Routes that end or change the caller's sessions get a session of their own.</summary>
    private async Task<ApiClient> ClientAsync(MatrixRow row, Caller caller) =>
        row.FreshSessions ? await factory.Practice.FreshClientAsync(caller) : factory.Practice.Clients[caller];

    /// <summary>The caller the route lets through (its 2xx, or failing that any non-401/403), so the body is what is judged.</summary>
    private static Caller CallerFor(MatrixRow row) =>
        Preference.FirstOrDefault(c => row.Expected[c] is >= 200 and < 300,
            Preference.FirstOrDefault(c => row.Expected[c] is not (401 or 403), Anon));

    [Fact]
    public async Task EveryWrite_WithANulInAnyString_OrADateOutOfRange_Is400NamingTheField()
    {
        var practice = factory.Practice;
        var failures = new List<string>();
        var probed = 0;
        // Rows whose valid body needs the owner's working hours (booking) find them set, as in the matrix.
        foreach (var arrange in AuthorizationMatrixTests.Rows.Where(r => r.Key == "PUT /api/me/availability" && r.Body is not null))
        {
            var (url, ids) = await UrlAsync(arrange);
            await practice.Owner.SendAsync(HttpMethod.Put, url, await arrange.Body!(practice, ids, Owner));
        }
        foreach (var row in AuthorizationMatrixTests.Rows.Where(r => r.Body is not null && r.Method is not ("GET" or "ANY" or "HEAD")))
        {
            var caller = CallerFor(row);
            var (url, ids) = await UrlAsync(row);
            var client = await ClientAsync(row, caller);
            object? body;
            try
            {
                body = await row.Body!(practice, ids, caller);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                failures.Add($"{row.Method} {row.Template}: no valid body could be arranged ({e.GetType().Name}: {e.Message})");
                continue;
            }
            if (body is null) continue;
            var json = body is string raw ? JsonNode.Parse(raw)! : JsonSerializer.SerializeToNode(body, ApiClient.Json)!;
            foreach (var (n, path, value) in Leaves(json).Select((l, i) => (i, l.Path, l.Value)))
            {
                var cases = new List<string> { value + "\u0000" };
                if (IsoDate().Match(value) is { Success: true } date)
                    cases.AddRange(["2101" + value[4..], "1899" + value[4..]]);
                foreach (var bad in cases)
                {
                    var mutated = json.DeepClone();
                    Replace(mutated, n, bad);
                    var response = await client.SendAsync(new HttpMethod(row.Method), url, mutated.ToJsonString());
                    probed++;
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode != HttpStatusCode.BadRequest ||
                        !(JsonNode.Parse(text)?["errors"] as JsonObject ?? []).Any(e => Names(e.Key, path)))
                        failures.Add($"{row.Method} {row.Template} {path}={Describe(bad)} as {caller}: {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
                }
            }
        }

        probed.Should().BeGreaterThan(60, "every write's strings and dates are probed");
        failures.Should().BeEmpty();
    }

    [Fact]
    public async Task EveryRoute_WithANulInTheQuery_Is400NamingIt_AndAnImpossiblePageIsNever500()
    {
        var practice = factory.Practice;
        var failures = new List<string>();
        // The API's routes: health checks and the web app take no input.
        foreach (var row in AuthorizationMatrixTests.Rows.Where(r => r.Template.StartsWith("/api/", StringComparison.Ordinal)))
        {
            var caller = CallerFor(row);
            var (url, _) = await UrlAsync(row);
            var method = row.Method == "ANY" ? HttpMethod.Get : new HttpMethod(row.Method);
            var client = await ClientAsync(row, caller);

            var nul = await client.SendAsync(method, url + "?note=a%00b", method == HttpMethod.Get ? null : "{}");
            if (nul.StatusCode != HttpStatusCode.BadRequest || !(await nul.ErrorFieldsAsync()).Contains("note"))
                failures.Add($"{row.Method} {row.Template} ?note=NUL as {caller}: {(int)nul.StatusCode}");
            foreach (var query in new[] { "page=2147483647&pageSize=100", "page=1000001", "from=2101-01-01&to=2101-01-20", "to=9999-12-31" })
            {
                var response = await client.SendAsync(method, $"{url}?{query}", method == HttpMethod.Get ? null : "{}");
                if ((int)response.StatusCode >= 500) failures.Add($"{row.Method} {row.Template}?{query} as {caller}: {(int)response.StatusCode}");
            }
            if (method != HttpMethod.Get && method != HttpMethod.Head)
            {
                using var empty = new ByteArrayContent([]);
                empty.Headers.ContentType = new("application/json");
                using var request = new HttpRequestMessage(method, url) { Content = empty };
                if (client.AccessToken is { } token) request.Headers.Authorization = new("Bearer", token);
                var response = await client.Http.SendAsync(request);
                if ((int)response.StatusCode >= 500) failures.Add($"{row.Method} {row.Template} with an empty JSON body as {caller}: {(int)response.StatusCode}");
            }
            // "Sign out everywhere else" from a fresh session ends the practice's own: sign in again before the next row.
            if (row.FreshSessions) await practice.SignInAgainWhereEndedAsync();
        }
        // A password change in an empty body does nothing; a logout may have ended a session: sign in again for other tests.
        await practice.SignInAgainWhereEndedAsync();

        failures.Should().BeEmpty();
    }

    private static bool Names(string field, string path) =>
        field == path || field.Replace("['", ".").Replace("']", "") == path || path.EndsWith("." + field, StringComparison.Ordinal)
        || field.EndsWith("." + path.Split('.')[^1], StringComparison.Ordinal) || field == path.Split('.')[0].Split('[')[0];

    private static string Describe(string value) => value.Replace("\u0000", "\\u0000");

    /// <summary>Every string in the body with its path as System.Text.Json writes it ("partners[0].email").</summary>
    private static IEnumerable<(string Path, string Value)> Leaves(JsonNode node, string path = "")
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                    if (child is not null)
                        foreach (var leaf in Leaves(child, path.Length == 0 ? name : $"{path}.{name}")) yield return leaf;
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                    if (array[i] is { } child)
                        foreach (var leaf in Leaves(child, $"{path}[{i}]")) yield return leaf;
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                yield return (path, value.GetValue<string>());
                break;
        }
    }

    /// <summary>Replaces the n-th string of the body (in the order <see cref="Leaves"/> yields them).</summary>
    private static void Replace(JsonNode root, int n, string value)
    {
        var leaf = Strings(root).ElementAt(n);
        leaf.ReplaceWith(JsonValue.Create(value));
    }

    private static IEnumerable<JsonNode> Strings(JsonNode node) => node switch
    {
        JsonObject obj => obj.Select(p => p.Value).Where(c => c is not null).SelectMany(c => Strings(c!)).ToList(),
        JsonArray array => array.Where(c => c is not null).SelectMany(c => Strings(c!)).ToList(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value],
        _ => [],
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}")]
    private static partial Regex IsoDate();
}
