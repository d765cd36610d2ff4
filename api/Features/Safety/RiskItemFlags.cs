using Clinic.Api.Data;
using Clinic.Api.Domain.Assessments;
using Clinic.Api.Domain.Safety;
using Clinic.Api.Infrastructure.Auth;

namespace Clinic.Api.Features.Safety;

/// <summary>
/// DESIGN §11: a questionnaire's risk item (PHQ-9 item 9 above 0) raises a therapist-only safety flag
/// through the same flags as the check-in (§4a), so it is first on the caseload and gates joint work
/// until resolved with a note. Nothing about it reaches either partner: the caller's response must
/// not change with it. An answer at or below the line raises nothing and resolves nothing.
/// </summary>
internal static class RiskItemFlags
{
    /// <summary>Adds the flag to the unit of work when the answers raise a risk item; returns whether one was raised.</summary>
    public static bool RaiseIfAny(ClinicDbContext db, AuditTrail audit, InstrumentDefinition instrument, Assessment assessment,
        DateTimeOffset now)
    {
        var raised = assessment.RisksRaised(instrument);
        if (raised.Count == 0) return false;
        var flag = SafetyFlag.RaiseFromQuestionnaire(assessment.CoupleId, assessment.PartnerId, assessment.Id,
            raised.ToDictionary(r => r.Risk.Item, r => r.Answer), now);
        db.SafetyFlags.Add(flag);
        audit.Record("safety.flag_raise", "safety_flag", flag.Id, assessment.CoupleId, detail: $"risk item of {instrument.Code}");
        return true;
    }
}
