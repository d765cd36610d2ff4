using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;

namespace Clinic.Api.Tests.Domain;

/// <summary>The caseload's measure alerts from each partner's two latest scores, judged by each instrument's rule.</summary>
public sealed class MeasureSignalsTests
{
    private static InstrumentDefinition Load(string file) => CatalogueLoader.LoadFile<InstrumentDefinition>(SeedFiles.Path("instruments", file));

    private static readonly InstrumentDefinition Phq9 = Load("phq-9.json");
    private static readonly InstrumentDefinition Gad7 = Load("gad-7.json");
    private static readonly InstrumentDefinition Csi4 = Load("csi-4.json");
    private static readonly Guid Alex = Guid.NewGuid(), Sam = Guid.NewGuid();

    private static PartnerMeasure Total(Guid id, InstrumentDefinition instrument, double latest, double? previous = null) =>
        new(id, id == Alex ? "Alex" : "Sam", instrument, new Dictionary<string, double> { ["total"] = latest },
            previous is { } p ? new Dictionary<string, double> { ["total"] = p } : null);

    [Fact]
    public void Phq9UpSixPoints_IsAReliableDeterioration_FivePointsIsNot()
    {
        var six = MeasureSignals.Evaluate([Total(Alex, Phq9, 14, 8), Total(Sam, Phq9, 13, 8)]);

        six.Deteriorations.Should().ContainSingle().Which.Should().Be(new DeteriorationAlertInput("Alex", "depression severity", null, 6, "PHQ-9"));
        six.Divergences.Should().BeEmpty();
    }

    [Fact]
    public void OneReliablyBetter_TheOtherReliablyWorse_IsDivergence()
    {
        var signals = MeasureSignals.Evaluate([Total(Alex, Gad7, 4, 9), Total(Sam, Gad7, 12, 8)]);

        signals.Divergences.Should().Equal(new DivergenceAlertInput("GAD-7", "anxiety severity", "Alex", "Sam"));
        signals.Deteriorations.Should().ContainSingle().Which.PartnerName.Should().Be("Sam");
    }

    [Fact]
    public void Csi_NeverGivesAVerdict_ButBothBelowTheCutOffIsAnAlert()
    {
        var both = MeasureSignals.Evaluate([Total(Alex, Csi4, 11, 20), Total(Sam, Csi4, 13, 21)]);
        var one = MeasureSignals.Evaluate([Total(Alex, Csi4, 11), Total(Sam, Csi4, 14)]);
        var alone = MeasureSignals.Evaluate([Total(Alex, Csi4, 3)]);

        both.Deteriorations.Should().BeEmpty("a 9-point drop on the CSI has no sourced basis for a verdict");
        both.BothBelowCutOff.Should().ContainSingle().Which.Scores.Should().Equal(new PartnerScore("Alex", 11), new PartnerScore("Sam", 13));
        one.BothBelowCutOff.Should().BeEmpty("14 is above 13.5");
        alone.BothBelowCutOff.Should().BeEmpty("one partner measured is not both");
    }

    [Fact]
    public void CaseloadAlerts_WordTheNewAlerts_InTheirPlace()
    {
        var today = new DateOnly(2026, 12, 1);
        var input = new CaseloadFacts
        {
            Today = today, Status = CoupleStatus.Active, StartedOn = today.AddDays(-60), LastContactOn = today.AddDays(-7),
            RecentMeanIntensities = [5.0, 5.0, 5.0], Homework = [],
            ReliableDeteriorations = [new DeteriorationAlertInput("Sam", "depression severity", null, 7, "PHQ-9")],
            OldestPendingQuestionnaireRequestedOn = null, SafetyCheckInFlagsFrom = [],
            OpenRiskItems = [new RiskItemAlertInput("Sam", "PHQ-9 item 9 answered above 0. Assess suicide risk today.")],
            MissedTwiceInARow = [new MissedScheduleAlertInput("Alex", "CSI-4")],
            Divergences = [new DivergenceAlertInput("PHQ-9", "depression severity", "Alex", "Sam")],
            BothBelowCutOff = [new BelowCutOffAlertInput("CSI-4", 13.5, [new PartnerScore("Alex", 11), new PartnerScore("Sam", 9)])],
        };

        CaseloadAlerts.Evaluate(input).Should().Equal(
            new CaseloadAlert(CaseloadAlertCode.RiskItem, AlertSeverity.Critical, "Sam: PHQ-9 item 9 answered above 0. Assess suicide risk today."),
            new CaseloadAlert(CaseloadAlertCode.ReliableDeterioration, AlertSeverity.Warning, "Reliable deterioration: Sam, PHQ-9 depression severity (+7 points)."),
            new CaseloadAlert(CaseloadAlertCode.PartnersDiverging, AlertSeverity.Warning,
                "Partners diverging on PHQ-9 depression severity: Alex reliably better, Sam reliably worse."),
            new CaseloadAlert(CaseloadAlertCode.BothBelowCutOff, AlertSeverity.Warning, "Both partners below the CSI-4 cut-off (13.5): Alex 11, Sam 9."),
            new CaseloadAlert(CaseloadAlertCode.QuestionnaireMissed, AlertSeverity.Warning, "Missed two scheduled questionnaires in a row: Alex (CSI-4)."));
    }
}
