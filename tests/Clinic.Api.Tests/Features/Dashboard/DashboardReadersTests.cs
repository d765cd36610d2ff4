using System.Text.RegularExpressions;
using Clinic.Api.Data;
using Clinic.Api.Domain.Dashboard;
using Clinic.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace Clinic.Api.Tests.Features.Dashboard;

/// <summary>
/// Issue 27 item 7: the dashboards' raw readers take each column by the name its statement gives it, the alert input is
/// named facts, and adding an alert is one rule, one column, one label — the web's codes come from the OpenAPI document.
/// </summary>
public sealed class DashboardReadersTests(ClinicApiFactory factory) : IClassFixture<ClinicApiFactory>
{
    private static readonly string DashboardFolder = Path.Combine(PostgresServer.RepoRoot, "api", "Features", "Dashboard");

    // r.GetBoolean(13), r.GetFieldValue<DateOnly>(3), r.Nullable<int>(7), r.IsDBNull(9), r.Enum<Assignee>(3) …
    private static readonly Regex PositionalRead = new(@"\.(Get\w*|IsDBNull|Nullable|Enum)(<[^>()]+>)?\(\s*\d+\s*\)", RegexOptions.Compiled);

    [Fact]
    public void DashboardReaders_ReadEveryColumnByName_NeverByPosition()
    {
        var readers = Directory.GetFiles(DashboardFolder, "*Queries.cs");
        readers.Should().Contain(f => f.EndsWith("CaseloadDashboardQueries.cs")).And.Contain(f => f.EndsWith("CoupleDashboardQueries.cs"));

        var positional = readers.SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, number: i + 1)))
            .Where(l => PositionalRead.IsMatch(l.line))
            .Select(l => $"{Path.GetFileName(l.file)}:{l.number}: {l.line.Trim()}");

        positional.Should().BeEmpty("a column added to a statement must not shift how the others are read");
    }

    [Fact]
    public void EveryAlertCode_HasExactlyOneRule_AndTheRulesKeepSafetyFirst()
    {
        CaseloadAlerts.Rules.Select(r => r.Code).Should().BeEquivalentTo(Enum.GetValues<CaseloadAlertCode>(),
            o => o.WithoutStrictOrdering(), "each alert is one rule");
        CaseloadAlerts.Rules.Select(r => r.Code).Should().OnlyHaveUniqueItems();
        CaseloadAlerts.Rules.TakeWhile(r => r.Safety).Select(r => r.Code).Should().Equal(
            CaseloadAlertCode.RiskItem, CaseloadAlertCode.SafetyFlag, CaseloadAlertCode.JointSessionsPaused);
        CaseloadAlerts.Rules.SkipWhile(r => r.Safety).Should().NotContain(r => r.Safety, "the safety alerts come first on a row");
    }

    [Fact]
    public void OpenApi_DescribesTheAlertCode_AsTheListOfCodes_SoTheWebTypeIsGenerated()
    {
        var schemas = factory.Services.GetRequiredService<ISwaggerProvider>().GetSwagger("v1").Components!.Schemas!;

        schemas.Should().ContainKey("CaseloadAlertCode");
        schemas["CaseloadAlertCode"].Enum!.Select(e => e.ToString()).Should()
            .Equal(Enum.GetValues<CaseloadAlertCode>().Select(SnakeCaseEnumConverter<CaseloadAlertCode>.ToWire));
        schemas["CaseloadAlert"].Properties!["code"].Should().BeOfType<OpenApiSchemaReference>("the code is the enum, not a free string")
            .Which.Reference.Id.Should().Be("CaseloadAlertCode");
    }
}
