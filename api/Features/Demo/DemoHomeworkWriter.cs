namespace Clinic.Api.Features.Demo;

public sealed partial class DemoClinicalWriter
{
    // Homework tables arrive with the homework feature; until then the files' homework is read but not written.
    public void AddHomework(DemoCoupleContext c, IReadOnlyList<DemoHomework> homework)
    {
    }
}
