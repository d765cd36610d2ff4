using Clinic.Api.Data;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Paging;
using FluentValidation;
using MediatR;

namespace Clinic.Api.Features.Admin;

public sealed record TherapistDto(Guid Id, string Email, string FirstName, string LastName, string DisplayName,
    UserStatus Status, bool MfaEnabled, DateTimeOffset CreatedAt, bool Supervisor);

public sealed record ListTherapistsQuery(int? Page, int? PageSize) : IRequest<Paged<TherapistDto>>, IPagedRequest;

public sealed class ListTherapistsValidator : AbstractValidator<ListTherapistsQuery>
{
    public ListTherapistsValidator() => this.AddPagingRules();
}

internal sealed class ListTherapistsHandler(ClinicDbContext db) : IRequestHandler<ListTherapistsQuery, Paged<TherapistDto>>
{
    public Task<Paged<TherapistDto>> Handle(ListTherapistsQuery query, CancellationToken ct) =>
        db.Users.Where(u => u.Role == Roles.Therapist)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName).ThenBy(u => u.Id)
            .Select(u => new TherapistDto(u.Id, u.Email!, u.FirstName, u.LastName, u.FirstName + " " + u.LastName,
                u.Status, u.TwoFactorEnabled, u.CreatedAt, u.IsSupervisor))
            .ToPagedAsync(query, ct);
}
