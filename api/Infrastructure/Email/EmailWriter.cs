using System.Net;
using Clinic.Api.Infrastructure.Time;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>A calendar file to attach (an appointment's .ics).</summary>
public sealed record EmailAttachment(string FileName, string MediaType, byte[] Content, string? Method = null);

/// <summary>What an email says: a subject, plain paragraphs, at most one button-style link, an optional attachment.</summary>
public sealed record EmailText(string Subject, IReadOnlyList<string> Paragraphs, string? LinkText = null, string? LinkUrl = null,
    EmailAttachment? Attachment = null, string? UnsubscribeUrl = null, string? OneClickUnsubscribeUrl = null);

/// <summary>
/// Turns what an email says into the MIME message that is stored and sent: plain text and HTML
/// alternatives, the practice's name as the sender's name, the outbox id as the Message-ID. The
/// wording lives with each feature; the rule that emails carry no clinical content lives there too,
/// and tests read every kind of message for it.
/// </summary>
public sealed class EmailWriter(IOptions<SmtpOptions> smtp, IOptions<PracticeOptions> practice, TimeProvider clock)
{
    public string PracticeName => practice.Value.Name;
    public string PublicUrl => practice.Value.PublicUrl.TrimEnd('/');
    public string SignInUrl => PublicUrl + "/login";
    /// <summary>The practice's sending address: the ORGANIZER of its calendar files.</summary>
    public string SenderAddress => MailboxAddress.Parse(smtp.Value.From).Address;

    public MimeMessage Write(Guid id, string to, EmailText text)
    {
        var message = new MimeMessage
        {
            MessageId = MessageIdFor(id),
            Subject = text.Subject,
            Date = clock.GetUtcNow(),
        };
        message.From.Add(Sender());
        message.To.Add(MailboxAddress.Parse(to));
        if (text.OneClickUnsubscribeUrl is { } oneClick)
        {
            // RFC 8058: a mail client's own "Unsubscribe" button POSTs here, no sign-in needed.
            message.Headers.Add("List-Unsubscribe", $"<{oneClick}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        var body = new BodyBuilder { TextBody = PlainText(text), HtmlBody = Html(text) };
        if (text.Attachment is { } file)
        {
            var type = ContentType.Parse(file.MediaType);
            if (file.Method is { } method) type.Parameters.Add("method", method);
            body.Attachments.Add(file.FileName, file.Content, type);
        }
        message.Body = body.ToMessageBody();
        return message;
    }

    public static byte[] Serialize(MimeMessage message)
    {
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    public string MessageIdFor(Guid id) => $"{id:D}@{SenderDomain()}";

    private MailboxAddress Sender()
    {
        var from = MailboxAddress.Parse(smtp.Value.From);
        if (string.IsNullOrWhiteSpace(from.Name)) from.Name = PracticeName;
        return from;
    }

    private string SenderDomain()
    {
        var address = MailboxAddress.Parse(smtp.Value.From).Address;
        var at = address.LastIndexOf('@');
        return at >= 0 && at < address.Length - 1 ? address[(at + 1)..] : "clinic.invalid";
    }

    private string PlainText(EmailText text)
    {
        var lines = new List<string> { "Hello," , "" };
        foreach (var paragraph in text.Paragraphs) { lines.Add(paragraph); lines.Add(""); }
        if (text.LinkUrl is { } url) { lines.Add($"{text.LinkText ?? "Open"}: {url}"); lines.Add(""); }
        lines.Add("Warm regards,");
        lines.Add(PracticeName);
        if (text.UnsubscribeUrl is { } unsubscribe)
        {
            lines.Add("");
            lines.Add($"Don't want these reminders? Stop them here: {unsubscribe}");
        }
        return string.Join("\r\n", lines) + "\r\n";
    }

    private string Html(EmailText text)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new System.Text.StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5;color:#1d1d1f\">");
        html.Append("<p>Hello,</p>");
        foreach (var paragraph in text.Paragraphs) html.Append("<p>").Append(E(paragraph)).Append("</p>");
        if (text.LinkUrl is { } url)
            html.Append("<p><a href=\"").Append(E(url)).Append("\" style=\"display:inline-block;padding:10px 16px;background:#2f5d62;color:#fff;border-radius:6px;text-decoration:none\">")
                .Append(E(text.LinkText ?? "Open")).Append("</a></p>");
        html.Append("<p>Warm regards,<br>").Append(E(PracticeName)).Append("</p>");
        if (text.UnsubscribeUrl is { } unsubscribe)
            html.Append("<p style=\"font-size:small;color:#555\">Don't want these reminders? <a href=\"").Append(E(unsubscribe))
                .Append("\">Stop them with one click</a>.</p>");
        html.Append("</body></html>");
        return html.ToString();
    }
}
