using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.Dashboard;

namespace Clinic.Api.Tests.Domain;

public sealed class CaseloadAlertsTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    // A quiet active couple: seen a week ago, flat cycle, homework fine, nothing pending.
    private static readonly CaseloadFacts Quiet = new()
    {
        Today = Today,
        Status = CoupleStatus.Active,
        StartedOn = new DateOnly(2026, 9, 1),
        LastContactOn = Today.AddDays(-7),
        RecentMeanIntensities = [5.0, 5.0, 5.0],
        Homework = [new HomeworkAlertInput("Reach out", false, 0.8, 1.0)],
        ReliableDeteriorations = [],
        OldestPendingQuestionnaireRequestedOn = null,
        SafetyCheckInFlagsFrom = [],
    };

    /// <summary>The codes as the API sends them.</summary>
    private static IEnumerable<string> Codes(CaseloadFacts input) => CaseloadAlerts.Evaluate(input).Select(a => Wire(a.Code));

    private static string Wire(CaseloadAlertCode code) => SnakeCaseEnumConverter<CaseloadAlertCode>.ToWire(code);

    [Fact]
    public void Evaluate_QuietCouple_HasNoAlerts()
    {
        CaseloadAlerts.Evaluate(Quiet).Should().BeEmpty();
    }

    [Fact]
    public void ConsentMissing_NamesThePartners_AfterTheSafetyAlerts_AndNotForAClosedCouple()
    {
        var input = Quiet with { ConsentMissingFrom = ["Alex", "Sam"], SafetyCheckInFlagsFrom = ["Casey"] };

        var alerts = CaseloadAlerts.Evaluate(input);

        alerts.Select(a => a.Code).Should().Equal(CaseloadAlertCode.SafetyFlag, CaseloadAlertCode.ConsentMissing);
        alerts[1].Severity.Should().Be(AlertSeverity.Warning);
        alerts[1].Message.Should().Be("Consent missing from Alex and Sam: remind them, or record a consent signed on paper.");
        CaseloadAlerts.Evaluate(input with { Status = CoupleStatus.Closed }).Should().BeEmpty();
    }

    [Fact]
    public void Evaluate_EverythingWrong_ListsAlertsWithSafetyFirst()
    {
        var input = Quiet with
        {
            LastContactOn = Today.AddDays(-30),
            RecentMeanIntensities = [4.0, 5.0, 7.0],
            Homework = [new HomeworkAlertInput("Reach out", true, null, null)],
            ReliableDeteriorations = [new DeteriorationAlertInput("Alex", "attachment anxiety", 2.39)],
            OldestPendingQuestionnaireRequestedOn = Today.AddDays(-10),
            SafetyCheckInFlagsFrom = ["Casey"],
        };

        CaseloadAlerts.Evaluate(input).Should().Equal(
            new CaseloadAlert(CaseloadAlertCode.SafetyFlag, AlertSeverity.Critical,
                "Safety check-in: Casey's answers raised a safety concern; review before any joint work."),
            new CaseloadAlert(CaseloadAlertCode.NoRecentSession, AlertSeverity.Warning, "No session for 30 days."),
            new CaseloadAlert(CaseloadAlertCode.CycleRising, AlertSeverity.Warning, "Cycle intensity rising over the last three sessions (4.0 → 5.0 → 7.0)."),
            new CaseloadAlert(CaseloadAlertCode.HomeworkLowAdherence, AlertSeverity.Warning, "Homework: Reach out (overdue)."),
            new CaseloadAlert(CaseloadAlertCode.ReliableDeterioration, AlertSeverity.Warning, "Reliable deterioration: Alex, attachment anxiety (RCI 2.39)."),
            new CaseloadAlert(CaseloadAlertCode.QuestionnairePending, AlertSeverity.Info, "Questionnaire pending for 10 days."));
    }

    [Fact]
    public void Evaluate_SafetyFlagAlone_IsTheOnlyAlert()
    {
        Codes(Quiet with { SafetyCheckInFlagsFrom = ["Casey"] }).Should().Equal("safety_flag");
    }

    [Fact]
    public void Evaluate_JointSessionsPausedWithoutAFlag_HasItsOwnAlertAndWording_NotTheFlags()
    {
        CaseloadAlerts.Evaluate(Quiet with { JointSessionsPaused = true }).Should().Equal(
            new CaseloadAlert(CaseloadAlertCode.JointSessionsPaused, AlertSeverity.Critical,
                "Joint sessions paused in a risk record: no joint work until the pause is lifted."));
    }

    [Fact]
    public void Evaluate_FlagAndPause_ShowBoth_FlagFirst_AndBothCountAsSafety()
    {
        var alerts = CaseloadAlerts.Evaluate(Quiet with { SafetyCheckInFlagsFrom = ["Casey"], JointSessionsPaused = true, LastContactOn = Today.AddDays(-30) });

        alerts.Select(a => Wire(a.Code)).Should().Equal("safety_flag", "joint_sessions_paused", "no_recent_session");
        alerts.Where(CaseloadAlerts.IsSafety).Select(a => Wire(a.Code)).Should().Equal("safety_flag", "joint_sessions_paused");
    }

    [Fact]
    public void Evaluate_ClosedCouple_GetsNoAlertsEvenWithAFlag()
    {
        var input = Quiet with { Status = CoupleStatus.Closed, SafetyCheckInFlagsFrom = ["Casey"], LastContactOn = Today.AddDays(-90) };

        CaseloadAlerts.Evaluate(input).Should().BeEmpty();
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void Evaluate_DaysSinceLastSession_FlagsFrom21(int days, bool flagged)
    {
        Codes(Quiet with { LastContactOn = Today.AddDays(-days) }).Contains("no_recent_session").Should().Be(flagged);
    }

    [Theory]
    [InlineData(20, false)]
    [InlineData(21, true)]
    public void Evaluate_NoSessionYet_CountsFromTheStart(int days, bool flagged)
    {
        var input = Quiet with { Status = CoupleStatus.Intake, LastContactOn = null, StartedOn = Today.AddDays(-days) };

        var alerts = CaseloadAlerts.Evaluate(input);

        alerts.Any(a => Wire(a.Code) == "no_recent_session").Should().Be(flagged);
        if (flagged) alerts.Single(a => Wire(a.Code) == "no_recent_session").Message.Should().Be("No session yet, 21 days since the start.");
    }

    [Fact]
    public void Evaluate_PausedCoupleWithoutSessions_IsNotChased()
    {
        Codes(Quiet with { Status = CoupleStatus.Paused, LastContactOn = Today.AddDays(-60) }).Should().BeEmpty();
    }

    [Theory]
    [InlineData(new[] { 5.0, 5.5, 6.0 }, true)]   // slope 0.5
    [InlineData(new[] { 5.0, 5.5, 5.98 }, false)] // slope 0.49
    [InlineData(new[] { 3.0, 9.0 }, false)]       // too few sessions for a trend
    [InlineData(new[] { 7.0, 5.0, 3.0 }, false)]  // falling is good news, not an alert
    public void Evaluate_CycleRising_NeedsSlopeOfHalfAPoint(double[] means, bool flagged)
    {
        Codes(Quiet with { RecentMeanIntensities = means }).Contains("cycle_rising").Should().Be(flagged);
    }

    [Theory]
    [InlineData(0.29, 0.29, true)]
    [InlineData(0.29, 0.30, false)]
    [InlineData(0.30, 0.29, false)]
    [InlineData(0.0, null, false)]   // a week with nothing expected is not low adherence
    public void Evaluate_AdherenceUnder30PercentBothWeeks_IsFlagged(double? previous, double? last, bool flagged)
    {
        var input = Quiet with { Homework = [new HomeworkAlertInput("Taking turns", false, previous, last)] };

        var alerts = CaseloadAlerts.Evaluate(input);

        alerts.Any(a => Wire(a.Code) == "homework_low_adherence").Should().Be(flagged);
        if (flagged) alerts.Single().Message.Should().Be("Homework: Taking turns (under 30 % for two weeks).");
    }

    [Fact]
    public void Evaluate_SeveralLowAssignments_MakeOneAlert()
    {
        var input = Quiet with
        {
            Homework =
            [
                new HomeworkAlertInput("Reach out", true, 1.0, 1.0),
                new HomeworkAlertInput("Show up", false, 0.1, 0.2),
                new HomeworkAlertInput("Taking turns", false, 0.9, 0.1),
            ],
        };

        CaseloadAlerts.Evaluate(input).Should().ContainSingle()
            .Which.Message.Should().Be("Homework: Reach out (overdue); Show up (under 30 % for two weeks).");
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    public void Evaluate_QuestionnairePending_FlagsAfterSevenDays(int days, bool flagged)
    {
        Codes(Quiet with { OldestPendingQuestionnaireRequestedOn = Today.AddDays(-days) })
            .Contains("questionnaire_pending").Should().Be(flagged);
    }

    [Fact]
    public void Evaluate_UnknownStatus_Throws()
    {
        var act = () => CaseloadAlerts.Evaluate(Quiet with { Status = (CoupleStatus)99 });

        act.Should().Throw<ArgumentException>();
    }
}
