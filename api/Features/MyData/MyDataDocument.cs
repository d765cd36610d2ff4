using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Clinic.Api.Features.MyData;

/// <summary>
/// The partner's copy as a ZIP: <c>my-data.json</c> (the sections, serialised like the API's answers) and
/// <c>my-data.html</c>, the same content as a page anyone can open in a browser — rendered from the JSON tree, every
/// value HTML-encoded, no script, nothing fetched from anywhere.
/// </summary>
public static class MyDataDocument
{
    public sealed record Section(string Key, string Title, JsonNode? Content);

    public static byte[] Zip(string practice, DateTimeOffset generatedAt, IReadOnlyList<Section> sections)
    {
        var json = new JsonObject
        {
            ["practice"] = practice,
            ["generatedAt"] = generatedAt.ToString("o", CultureInfo.InvariantCulture),
            ["about"] = About,
        };
        foreach (var section in sections) json[section.Key] = section.Content?.DeepClone();
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "my-data.json", json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), generatedAt);
            Write(zip, "my-data.html", Html(practice, generatedAt, sections), generatedAt);
        }
        return buffer.ToArray();
    }

    public const string About =
        "Everything you entered in the portal or were shown there: your details, your homework entries and the entries your partner " +
        "shared with you, your questionnaires with your answers and the results shared with you, your appointments, the cycle map " +
        "shared with you and your reminder choices. Your therapist's own notes and records are not part of it; ask your therapist " +
        "if you want a copy of your clinical record.";

    private static void Write(ZipArchive zip, string name, string content, DateTimeOffset at)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = at;
        using var stream = entry.Open();
        stream.Write(Encoding.UTF8.GetBytes(content));
    }

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    public static string Html(string practice, DateTimeOffset generatedAt, IReadOnlyList<Section> sections)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Your data — ").Append(Encoder.Encode(practice)).Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;line-height:1.5;max-width:60rem;margin:0 auto;padding:1rem;color:#1b1b1f}")
            .Append("h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1.05rem;margin-bottom:.25rem}")
            .Append("dl{display:grid;grid-template-columns:minmax(8rem,max-content) 1fr;gap:.2rem 1rem;margin:.5rem 0}dt{font-weight:600}dd{margin:0}")
            .Append("section.item{border-left:3px solid #d0d0e0;padding-left:.75rem;margin:.75rem 0}p.empty{color:#555}")
            .Append("</style></head><body>\n<h1>Your data at ").Append(Encoder.Encode(practice)).Append("</h1>\n<p>Made on ")
            .Append(Encoder.Encode(generatedAt.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture))).Append(". ")
            .Append(Encoder.Encode(About)).Append("</p>\n<nav aria-label=\"Sections\"><ul>");
        foreach (var s in sections) html.Append("<li><a href=\"#").Append(Encoder.Encode(s.Key)).Append("\">").Append(Encoder.Encode(s.Title)).Append("</a></li>");
        html.Append("</ul></nav>\n");
        foreach (var s in sections)
        {
            html.Append("<h2 id=\"").Append(Encoder.Encode(s.Key)).Append("\">").Append(Encoder.Encode(s.Title)).Append("</h2>\n");
            Render(html, s.Content, 3);
        }
        return html.Append("</body></html>\n").ToString();
    }

    private static void Render(StringBuilder html, JsonNode? node, int level)
    {
        switch (node)
        {
            case null:
                html.Append("<p class=\"empty\">Nothing here.</p>\n");
                break;
            case JsonArray { Count: 0 }:
                html.Append("<p class=\"empty\">Nothing here.</p>\n");
                break;
            case JsonArray array:
                var n = 0;
                foreach (var item in array)
                {
                    n++;
                    if (item is JsonObject)
                    {
                        html.Append("<section class=\"item\"><h").Append(Math.Min(level, 6)).Append('>').Append(n.ToString(CultureInfo.InvariantCulture))
                            .Append("</h").Append(Math.Min(level, 6)).Append(">\n");
                        Render(html, item, level + 1);
                        html.Append("</section>\n");
                    }
                    else html.Append("<p>").Append(Encoder.Encode(Scalar(item))).Append("</p>\n");
                }
                break;
            case JsonObject obj:
                var nested = new List<KeyValuePair<string, JsonNode?>>();
                html.Append("<dl>");
                foreach (var (name, value) in obj)
                {
                    if (value is JsonObject || (value is JsonArray list && list.Any(x => x is JsonObject)))
                    {
                        nested.Add(new(name, value));
                        continue;
                    }
                    html.Append("<dt>").Append(Encoder.Encode(Words(name))).Append("</dt><dd>").Append(Encoder.Encode(Scalar(value))).Append("</dd>");
                }
                html.Append("</dl>\n");
                foreach (var (name, value) in nested)
                {
                    html.Append("<h").Append(Math.Min(level, 6)).Append('>').Append(Encoder.Encode(Words(name))).Append("</h").Append(Math.Min(level, 6)).Append(">\n");
                    Render(html, value, level + 1);
                }
                break;
            default:
                html.Append("<p>").Append(Encoder.Encode(Scalar(node))).Append("</p>\n");
                break;
        }
    }

    private static string Scalar(JsonNode? node) => node switch
    {
        null => "—",
        JsonArray array => string.Join(", ", array.Select(Scalar)),
        JsonValue value when value.TryGetValue<bool>(out var b) => b ? "yes" : "no",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    /// <summary>"occurredOn" → "Occurred on".</summary>
    public static string Words(string camel)
    {
        var text = new StringBuilder();
        foreach (var c in camel)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ').Append(char.ToLowerInvariant(c));
            else text.Append(text.Length == 0 ? char.ToUpperInvariant(c) : c);
        }
        return text.ToString();
    }
}
