using Clinic.Api.Domain.Catalogues;
using Clinic.Api.Domain.Homework;
using Clinic.Api.Domain.Users;
using Clinic.Api.Infrastructure.Auth;
using MediatR;

namespace Clinic.Api.Features.Homework;

/// <summary>What a client sees of an exercise: no therapist rationale.</summary>
public record ClientExerciseDto(string Code, int Version, ExerciseFamily Family, string Title,
    ExerciseInstructions Instructions, IReadOnlyList<EntryRole> Roles, int SuggestedPerWeek, IReadOnlyList<FieldDefinition> Fields)
{
    public static ClientExerciseDto From(ExerciseDefinition d) =>
        new(d.Code, d.Version, d.Family, d.Title, d.Instructions, d.Roles, d.SuggestedPerWeek, d.Fields);
}

public sealed record ExerciseDto(string Code, int Version, ExerciseFamily Family, string Title,
    ExerciseInstructions Instructions, string Rationale, IReadOnlyList<EntryRole> Roles, int SuggestedPerWeek,
    IReadOnlyList<FieldDefinition> Fields)
{
    public static ExerciseDto From(ExerciseDefinition d) =>
        new(d.Code, d.Version, d.Family, d.Title, d.Instructions, d.Rationale, d.Roles, d.SuggestedPerWeek, d.Fields);
}

/// <summary>Typed as object so each role's shape is serialised as it is (clients get no rationale key at all).</summary>
public sealed record ListExercisesQuery : IRequest<IReadOnlyList<object>>;

internal sealed class ListExercisesHandler(ExerciseCatalogue catalogue, ICurrentUser user)
    : IRequestHandler<ListExercisesQuery, IReadOnlyList<object>>
{
    public Task<IReadOnlyList<object>> Handle(ListExercisesQuery query, CancellationToken ct)
    {
        IReadOnlyList<object> result = user.Role == Roles.Therapist
            ? catalogue.Latest.Select(object (d) => ExerciseDto.From(d)).ToList()
            : catalogue.Latest.Select(object (d) => ClientExerciseDto.From(d)).ToList();
        return Task.FromResult(result);
    }
}
