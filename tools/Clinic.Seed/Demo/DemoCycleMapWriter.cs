using Clinic.Api.Domain.CycleMaps;

namespace Clinic.Seed.Demo;

public sealed partial class DemoClinicalWriter
{
    /// <summary>
    /// Each version saved through the map's own rule (so an unknown move stops the load naming it), the
    /// last one shared when the file says so.
    /// </summary>
    public void AddCycleMap(DemoCoupleContext c, DemoCycleMap? demo)
    {
        if (demo is null || demo.Versions.Count == 0) return;
        var map = CycleMap.Start(c.Couple.Id, SeedIds.At(c.DaysAgo(demo.Versions[0].DaysAgo), new TimeOnly(18, 0)));
        foreach (var v in demo.Versions)
        {
            var at = SeedIds.At(c.DaysAgo(v.DaysAgo), new TimeOnly(18, 0));
            try
            {
                db.CycleMapVersions.Add(map.Save(map.Version, [Side(c.Couple.PartnerA.Id, v.A), Side(c.Couple.PartnerB.Id, v.B)], v.Exit,
                    c.Therapist.Id, c.Therapist.DisplayName, at));
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"Couple {c.Key}: cycle map version {map.Version + 1}: {e.Message}", e);
            }
        }
        if (demo.Shared) map.Share(c.Therapist.Id, SeedIds.At(c.DaysAgo(demo.Versions[^1].DaysAgo), new TimeOnly(18, 5)));
        db.CycleMaps.Add(map);
    }

    private static CycleMapSideDetails Side(Guid partnerId, DemoCycleMapSide s) =>
        new(partnerId, s.Trigger, s.Moves, s.MoveInOwnWords, s.Feeling, s.Fear, s.Need);
}
