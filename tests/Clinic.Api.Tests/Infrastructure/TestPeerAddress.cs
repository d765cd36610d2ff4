using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Clinic.Api.Tests.Infrastructure;

/// <summary>
/// TestServer has no network peer (RemoteIpAddress is null). A test names one with the X-Test-Peer
/// header, as if the TCP connection came from there; this runs before the app's pipeline, so the
/// forwarded-headers rules, the rate limits and the audit trail all see it as a real peer.
/// </summary>
public sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer) && IPAddress.TryParse(peer.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
                context.Request.Headers.Remove(Header);
            }
            return nextMiddleware();
        });
        next(app);
    };
}
