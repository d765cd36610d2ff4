using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Infrastructure.Auth;

/// <summary>
/// Identity's store, with its tokens read for tracking. The context reads without tracking by
/// default, and Identity changes a token by setting the value on the entity it found, so an
/// untracked token (the authenticator key) would keep its old value: a re-enrolment would hand out
/// the key that was meant to be void.
/// </summary>
public sealed class ClinicUserStore(ClinicDbContext context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<User, ClinicDbContext, Guid>(context, describer)
{
    protected override Task<IdentityUserToken<Guid>?> FindTokenAsync(User user, string loginProvider, string name, CancellationToken cancellationToken) =>
        Context.Set<IdentityUserToken<Guid>>().AsTracking()
            .SingleOrDefaultAsync(t => t.UserId == user.Id && t.LoginProvider == loginProvider && t.Name == name, cancellationToken);
}
