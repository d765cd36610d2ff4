using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Clinic.Api.Infrastructure.Startup;

/// <summary>
/// Clinic:Network:KnownProxies — the reverse proxies (addresses, or CIDR ranges such as a cluster's
/// pod network) whose X-Forwarded-For and X-Forwarded-Proto are believed. From any other peer those
/// headers are ignored, so nobody can pick their own address for the rate limits and the audit trail;
/// behind a configured proxy each client keeps their own address instead of sharing the proxy's.
/// Comma-separated (Clinic__Network__KnownProxies=10.0.0.5,10.1.0.0/16) or as a list.
/// </summary>
public static class NetworkSetup
{
    public static void AddClinicNetwork(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("Clinic:Network:KnownProxies");
        var entries = (section.Value is { } list ? list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries) : [])
            .Concat(section.GetChildren().Select(c => c.Value ?? "")).Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
        var proxies = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        // Parsed here, so a mistyped entry stops start-up rather than silently trusting nothing.
        foreach (var entry in entries)
        {
            if (entry.Contains('/') && System.Net.IPNetwork.TryParse(entry, out var network)) networks.Add(network);
            else if (IPAddress.TryParse(entry, out var address)) proxies.Add(address);
            else throw new InvalidOperationException($"Clinic:Network:KnownProxies: '{entry}' is neither an IP address nor a CIDR range.");
        }

        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core believes loopback by default; here nobody is believed unless configured.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var proxy in proxies) o.KnownProxies.Add(proxy);
            foreach (var network in networks) o.KnownIPNetworks.Add(network);
            // A chain of known proxies is followed back to the first address that is not one of them.
            o.ForwardLimit = null;
        });
    }
}
