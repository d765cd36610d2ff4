using System.Reflection;

namespace Clinic.Api.Tests.Security;

/// <summary>
/// The token libraries the app runs with: JwtBearer 10.0.15 with Microsoft.IdentityModel.* 8.23.0
/// (issue 15). An older one restored by a stale lock or a transitive pin fails here, not in production.
/// </summary>
public sealed class PackageVersionTests
{
    [Theory]
    [InlineData(typeof(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerHandler), "10.0.15")]
    [InlineData(typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler), "8.23.0")]
    [InlineData(typeof(Microsoft.IdentityModel.Tokens.SecurityKey), "8.23.0")]
    [InlineData(typeof(Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration), "8.23.0")]
    [InlineData(typeof(Microsoft.IdentityModel.Logging.IdentityModelEventSource), "8.23.0")]
    public void TokenLibraries_AreTheUpgradedVersions(Type type, string version)
    {
        var informational = type.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;

        informational.Split('+')[0].Should().Be(version, $"{type.Assembly.GetName().Name} is pinned in Directory.Packages.props");
    }
}
