namespace Clinic.Api.Infrastructure.Endpoints;

/// <summary>
/// A feature's route group. Program maps every implementation it finds, so adding a feature
/// never edits composition code.
/// </summary>
public interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}

public static class EndpointGroupExtensions
{
    public static IEndpointRouteBuilder MapEndpointGroups(this IEndpointRouteBuilder app)
    {
        var groups = typeof(IEndpointGroup).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in groups) ((IEndpointGroup)Activator.CreateInstance(type)!).Map(app);
        return app;
    }

    /// <summary>Sends a command or query through MediatR; the result becomes 200, or 201 with a Location.</summary>
    public static RouteHandlerBuilder WithSummary(this RouteHandlerBuilder builder, string summary, string operationId) =>
        builder.WithName(operationId).WithSummary(summary);
}
