using System.Net;
using System.Text.Json.Nodes;
using Clinic.Api.Tests.Infrastructure;

namespace Clinic.Api.Tests.Security;

public enum Caller { Anon, Admin, Owner, OtherTherapist, PartnerX1, PartnerX2, PartnerY }

/// <summary>
/// One practice arranged through the API: therapist A owns couples X (both partners signed in)
/// and Y (one partner signed in); therapist B owns couple Z. Each of X and Z has a session.
/// </summary>
public sealed class ArrangedPracticeFactory : ClinicApiFactory
{
    public Practice Practice { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Practice = await Practice.ArrangeAsync(this);
    }
}

public sealed class Practice
{
    public required ClinicApiFactory Factory { get; init; }
    public required Dictionary<Caller, ApiClient> Clients { get; init; }
    public required Dictionary<Caller, (string Email, string Password)> Credentials { get; init; }
    public required JsonNode CoupleX { get; init; }
    public required JsonNode CoupleY { get; init; }
    public required JsonNode CoupleZ { get; init; }
    public required JsonNode SessionX { get; init; }
    public required JsonNode SessionZ { get; init; }

    public ApiClient Owner => Clients[Caller.Owner];

    public string PasswordOf(Caller caller) => Credentials.TryGetValue(caller, out var c) ? c.Password : "no-account-password";

    public static async Task<Practice> ArrangeAsync(ClinicApiFactory factory)
    {
        var (_, emailA) = await factory.CreateTherapistAsync();
        var (_, emailB) = await factory.CreateTherapistAsync();
        var owner = await factory.SignInAsync(emailA, Accounts.Password);
        var other = await factory.SignInAsync(emailB, Accounts.Password);
        var coupleX = await owner.CreateCoupleAsync("Xavi", "Xena");
        var coupleY = await owner.CreateCoupleAsync("Yuri", "Yael");
        var coupleZ = await other.CreateCoupleAsync("Zeno", "Zora");
        var x1 = await owner.SignedInPartnerAsync(coupleX, 0);
        var x2 = await owner.SignedInPartnerAsync(coupleX, 1);
        var y1 = await owner.SignedInPartnerAsync(coupleY, 0);
        string Email(JsonNode couple, int i) => couple["partners"]![i]!["email"]!.GetValue<string>();
        return new Practice
        {
            Factory = factory,
            Clients = new()
            {
                [Caller.Anon] = factory.Anonymous(), [Caller.Admin] = await factory.AdminAsync(), [Caller.Owner] = owner,
                [Caller.OtherTherapist] = other, [Caller.PartnerX1] = x1, [Caller.PartnerX2] = x2, [Caller.PartnerY] = y1,
            },
            Credentials = new()
            {
                [Caller.Admin] = (ClinicApiFactory.AdminEmail, ClinicApiFactory.AdminPassword),
                [Caller.Owner] = (emailA, Accounts.Password), [Caller.OtherTherapist] = (emailB, Accounts.Password),
                [Caller.PartnerX1] = (Email(coupleX, 0), Accounts.Password), [Caller.PartnerX2] = (Email(coupleX, 1), Accounts.Password),
                [Caller.PartnerY] = (Email(coupleY, 0), Accounts.Password),
            },
            CoupleX = coupleX, CoupleY = coupleY, CoupleZ = coupleZ,
            SessionX = await owner.CreateSessionAsync(coupleX),
            SessionZ = await other.CreateSessionAsync(coupleZ),
        };
    }

    public async Task SignInAgainWhereEndedAsync()
    {
        foreach (var caller in Credentials.Keys)
            if ((await Clients[caller].GetAsync("/api/me")).StatusCode == HttpStatusCode.Unauthorized)
                Clients[caller] = await FreshClientAsync(caller);
    }

    /// <summary>A new session of the caller's own (for routes that end or change sessions).</summary>
    public async Task<ApiClient> FreshClientAsync(Caller caller) =>
        caller == Caller.Anon ? Factory.Anonymous() : await Factory.SignInAsync(Credentials[caller].Email, Credentials[caller].Password);

    public async Task<JsonNode> NewSessionOfXAsync(bool signed = false)
    {
        var session = await Owner.CreateSessionAsync(CoupleX, $"2026-12-{Random.Shared.Next(1, 28):D2}");
        if (!signed) return session;
        return await Owner.ExpectAsync(HttpStatusCode.OK, HttpMethod.Post, $"/api/sessions/{session.Id()}/sign",
            new { version = session["version"]!.GetValue<uint>() });
    }
}
