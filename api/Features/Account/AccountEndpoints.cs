using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Endpoints;
using Clinic.Api.Infrastructure.Startup;
using MediatR;

namespace Clinic.Api.Features.Account;

internal sealed class AccountEndpoints : IEndpointGroup
{
    public void Map(IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Account").RequireAuthorization(Policies.Authenticated);

        me.MapGet("/sessions", (IMediator mediator, CancellationToken ct) => mediator.Send(new ListMySessionsQuery(), ct))
            .WithName("ListMySessions").WithSummary("My open sessions; `current` marks this one.");

        me.MapPost("/sessions/end-others", (IMediator mediator, CancellationToken ct) => mediator.Send(new EndMyOtherSessionsCommand(), ct))
            .WithName("EndMyOtherSessions").WithSummary("Sign out everywhere else: end every session of mine but this one.");

        me.MapDelete("/sessions/{id:guid}", async (Guid id, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(new EndMySessionCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("EndMySession").WithSummary("End one of my sessions at once.");

        me.MapPost("/password", async (ChangePasswordCommand command, IMediator mediator, CancellationToken ct) =>
            {
                await mediator.Send(command, ct);
                return TypedResults.NoContent();
            })
            .RequireRateLimiting(RateLimitPolicies.Credential)
            .WithName("ChangePassword").WithSummary("Change my password; ends all my sessions, this one included.");
    }
}
