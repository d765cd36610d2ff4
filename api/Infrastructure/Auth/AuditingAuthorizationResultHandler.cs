using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// A signed-in caller refused by an endpoint's policy (a client on a therapist route, a session
/// limited to MFA enrolment on anything else) never reaches a handler, so the refusal is put on
/// the audit trail here; 403s and 404s from handlers are recorded by the exception handler.
/// </summary>
internal sealed class AuditingAuthorizationResultHandler(DenialAudit audit) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Forbidden) await audit.RecordAsync(context, null, context.RequestAborted);
        await _default.HandleAsync(next, context, policy, result);
    }
}
