using Clinic.Api.Data;
using Clinic.Api.Features.Portal;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using MediatR;

namespace Clinic.Api.Features.Homework;

public sealed record WithdrawEntryCommand(Guid Id) : IRequest<Unit>;

internal sealed class WithdrawEntryHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<WithdrawEntryCommand, Unit>
{
    public async Task<Unit> Handle(WithdrawEntryCommand command, CancellationToken ct)
    {
        var (me, couple) = await db.PortalPartnerAsync(user, ct);
        var entry = await db.MyEntryAsync(me, command.Id, ct);
        entry.Withdraw(clock.GetUtcNow());
        audit.Record("homework.entry.withdraw", "homework_entry", entry.Id, couple.Id);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
