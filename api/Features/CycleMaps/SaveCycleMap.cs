using Clinic.Api.Data;
using Clinic.Api.Domain.Couples;
using Clinic.Api.Domain.CycleMaps;
using Clinic.Api.Features.Couples;
using Clinic.Api.Infrastructure.Auth;
using Clinic.Api.Infrastructure.Errors;
using Clinic.Api.Infrastructure.Json;
using FluentValidation;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Features.CycleMaps;

public sealed record CycleMapSideInput(Guid? PartnerId, string? Trigger, IReadOnlyList<string>? Moves, string? MoveInOwnWords,
    string? Feeling, string? Fear, string? Need) : IAcceptsReadBody
{
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? ReadOnlyMembers { get; init; }
}

/// <summary><c>Version</c> is the version read (0 before the first save).</summary>
public sealed record SaveCycleMapCommand(int? Version, IReadOnlyList<CycleMapSideInput>? Partners, string? Exit) : IRequest<CycleMapDto>,
    IAcceptsReadBody
{
    internal Guid CoupleId { get; init; }
    /// <summary>The GET's read-only members, sent back as they were read (see <see cref="IAcceptsReadBody"/>).</summary>
    [System.Text.Json.Serialization.JsonExtensionData] public Dictionary<string, System.Text.Json.JsonElement>? ReadOnlyMembers { get; init; }
}

public sealed class SaveCycleMapValidator : AbstractValidator<SaveCycleMapCommand>
{
    public const int MaxText = 500;

    public SaveCycleMapValidator()
    {
        RuleFor(c => c.Version).VersionRead(firstSave: "0 for a new map")
            .GreaterThanOrEqualTo(0);
        RuleFor(c => c.Partners).Cascade(CascadeMode.Stop).NotNull().Must(p => p!.Count == 2).WithMessage(CycleMap.SidesMessage);
        RuleForEach(c => c.Partners).ChildRules(side =>
        {
            side.RuleFor(s => s.PartnerId).NotNull();
            side.RuleFor(s => s.Trigger).MaximumLength(MaxText);
            side.RuleFor(s => s.MoveInOwnWords).MaximumLength(200);
            side.RuleFor(s => s.Feeling).MaximumLength(MaxText);
            side.RuleFor(s => s.Fear).MaximumLength(MaxText);
            side.RuleFor(s => s.Need).MaximumLength(MaxText);
            side.RuleForEach(s => s.Moves).Must(m => m is not null && CycleMoves.All.Contains(m))
                .WithMessage("Unknown move. Use one of: " + string.Join(", ", CycleMoves.All) + ", or describe it in your own words.");
        }).When(c => c.Partners is { Count: 2 });
        RuleFor(c => c.Partners).Must(p => p!.Select(s => s.PartnerId).Distinct().Count() == 2)
            .When(c => c.Partners is { Count: 2 }).WithMessage(CycleMap.SidesMessage);
        RuleFor(c => c.Exit).MaximumLength(2000);
    }
}

internal sealed class SaveCycleMapHandler(ClinicDbContext db, ICurrentUser user, AuditTrail audit, TimeProvider clock)
    : IRequestHandler<SaveCycleMapCommand, CycleMapDto>
{
    public async Task<CycleMapDto> Handle(SaveCycleMapCommand command, CancellationToken ct)
    {
        var couple = await db.OwnedCoupleAsync(user, command.CoupleId, ct);
        var errors = command.Partners!.Select((s, i) => (s, i)).Where(x => !couple.HasPartner(x.s.PartnerId))
            .ToDictionary(x => $"partners[{x.i}].partnerId", _ => new[] { Couple.NotAPartnerMessage });
        if (errors.Count > 0) throw new FieldValidationException(errors);
        couple.EnsureOpen();

        var now = clock.GetUtcNow();
        var (map, current) = await db.CurrentCycleMapAsync(couple.Id, ct, tracking: true);
        // The GET's body goes back as it is (issue 26): its read-only members must be as read; a stale version is 409 below.
        if (command.Version == (map?.Version ?? 0))
        {
            var read = CycleMapMapping.ToDto(couple, map, current);
            ReadOnlyMemberCheck.Check(command, read);
            for (var i = 0; i < command.Partners!.Count; i++)
                if (read.Partners.FirstOrDefault(p => p.PartnerId == command.Partners[i].PartnerId) is { } side)
                    ReadOnlyMemberCheck.Check(command.Partners[i], side, $"partners[{i}].");
        }
        if (map is null) db.CycleMaps.Add(map = CycleMap.Start(couple.Id, now));
        var author = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FirstName + " " + u.LastName).SingleAsync(ct);
        var sides = command.Partners!.Select(s => new CycleMapSideDetails(s.PartnerId!.Value, s.Trigger ?? "", s.Moves ?? [],
            s.MoveInOwnWords ?? "", s.Feeling ?? "", s.Fear ?? "", s.Need ?? "")).ToList();
        CycleMapVersion saved;
        try
        {
            saved = map.Save(command.Version!.Value, sides, command.Exit ?? "", user.Id, author.Trim(), now);
        }
        catch (StaleCycleMapException stale)
        {
            throw new ConflictException(stale.Message, new Dictionary<string, object?> { ["currentVersion"] = stale.Current });
        }
        db.CycleMapVersions.Add(saved);
        audit.Record("cycle_map.save", "cycle_map", couple.Id, couple.Id, detail: $"version {saved.Version}");
        // Two saves from the same version: the row's version guards the update, the first insert's key the creation.
        await db.SaveChangesAsync(ct);
        return CycleMapMapping.ToDto(couple, map, saved);
    }
}
