using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Clinic.Api.Infrastructure.Email;

/// <summary>The SMTP server could not be reached or dropped the connection: nothing was sent, try again later.</summary>
public sealed class SmtpUnavailableException(Exception inner) : Exception("The SMTP server is not reachable.", inner);

/// <summary>
/// One MailKit connection, kept open between messages (a thousand reminders do not mean a thousand
/// handshakes) and reopened after any failure.
/// </summary>
internal sealed class SmtpTransport(SmtpOptions options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new() { Timeout = options.TimeoutSeconds * 1000 };

    /// <summary>
    /// Sends the message; an <see cref="SmtpCommandException"/> means the server refused this message
    /// (a bad recipient), <see cref="SmtpUnavailableException"/> that nothing could be sent at all.
    /// </summary>
    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            if (!_client.IsConnected)
            {
                var security = !options.UseTls ? SecureSocketOptions.None
                    : options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
                await _client.ConnectAsync(options.Host, options.Port, security, ct);
                if (!string.IsNullOrEmpty(options.UserName))
                    await _client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            }
            await _client.SendAsync(message, ct);
        }
        catch (SmtpCommandException)
        {
            await ResetAsync();
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            await ResetAsync();
            throw new SmtpUnavailableException(e);
        }
    }

    private async Task ResetAsync()
    {
        try { if (_client.IsConnected) await _client.DisconnectAsync(false); }
        catch (Exception) { /* the connection is being thrown away anyway */ }
    }

    public async ValueTask DisposeAsync()
    {
        await ResetAsync();
        _client.Dispose();
    }
}
