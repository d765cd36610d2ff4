using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) in the test process: the app's MailKit sender talks
/// SMTP to it over loopback, and the tests read what arrived — never a fake sender. It can be
/// stopped and started on the same port to play an outage.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = FreePort();
    public IReadOnlyList<MimeMessage> Messages => _messages.ToList();

    public void Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_messages));
        _stop = new CancellationTokenSource();
        var server = new SmtpServer.SmtpServer(options, services);
        _running = server.StartAsync(_stop.Token);
    }

    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync();
        try { await _running!; } catch (OperationCanceledException) { }
        _stop.Dispose();
        _stop = null;
    }

    /// <summary>Waits for the messages to <paramref name="to"/> that match, until <paramref name="count"/> have arrived.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1, Func<MimeMessage, bool>? match = null,
        TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var found = To(to).Where(m => match?.Invoke(m) ?? true).ToList();
            if (found.Count >= count) return found;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Expected {count} message(s) to {to}, got {found.Count}. All recipients: " +
                    string.Join(", ", _messages.Select(m => $"{m.To} '{m.Subject}'")));
            await Task.Delay(50);
        }
    }

    public IReadOnlyList<MimeMessage> To(string address) =>
        _messages.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(ConcurrentQueue<MimeMessage> messages) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            messages.Enqueue(await MimeMessage.LoadAsync(stream, ct));
            return SmtpResponse.Ok;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>The API with its outbox sender on, delivering to a <see cref="MailSink"/> of its own.</summary>
public class EmailApiFactory : ClinicApiFactory, IAsyncLifetime
{
    public const string PracticeName = "Harbour Couples Therapy";
    public const string PublicUrl = "https://portal.harbour.test";

    public MailSink Mail { get; } = new();

    protected override bool EmailSenderEnabled => true;

    public override async Task InitializeAsync()
    {
        Mail.Start();
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Clinic:Smtp:Host", "127.0.0.1");
        builder.UseSetting("Clinic:Smtp:Port", Mail.Port.ToString());
        builder.UseSetting("Clinic:Smtp:From", "Harbour Couples Therapy <hello@harbour.test>");
        builder.UseSetting("Clinic:Practice:Name", PracticeName);
        builder.UseSetting("Clinic:PublicUrl", PublicUrl);
        builder.UseSetting("Clinic:Email:PollMilliseconds", "100");
        builder.UseSetting("Clinic:Email:RetryBaseSeconds", "1");
    }
}
