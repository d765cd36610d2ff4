using System.IO.Compression;
using System.Text;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// The JSON a route answers with, for tests that walk every route: the body itself, or for the one
/// route that answers with a ZIP (<c>GET /api/portal/my-data</c>) the <c>my-data.json</c> inside it,
/// so the walks read what a partner's copy of their data holds as well.
/// </summary>
public static class ResponseJson
{
    public const string MyDataEntry = "my-data.json";

    public static async Task<string> TextAsync(HttpResponseMessage response) =>
        Text(await response.Content.ReadAsByteArrayAsync(), response.Content.Headers.ContentType?.MediaType);

    public static string Text(byte[] bytes, string? mediaType)
    {
        if (mediaType != "application/zip") return Encoding.UTF8.GetString(bytes);
        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var entry = zip.GetEntry(MyDataEntry) ?? throw new InvalidOperationException($"the ZIP holds no {MyDataEntry}");
        using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
