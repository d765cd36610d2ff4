using System.Text.Json;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Infrastructure.OpenApi;

/// <summary>
/// <c>[AsParameters]</c> records describe their query parameters by C# property name (<c>PageSize</c>);
/// binding ignores case, and the web app sends camelCase like every JSON name, so say that.
/// </summary>
internal sealed class CamelCaseQueryParametersFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
            if (parameter.In == ParameterLocation.Query && parameter.Name is { } name)
                parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(name);
    }
}

/// <summary>
/// Endpoint metadata: the 200 answer is a JSON array whose items take one of these shapes, chosen by
/// the caller (GET /api/exercises: therapists get the rationale, clients a shape without it).
/// </summary>
public sealed record ListOfOneOf(params Type[] ItemTypes);

internal sealed class ListOfOneOfFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var shapes = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<ListOfOneOf>().FirstOrDefault();
        if (shapes is null) return;
        var items = new OpenApiSchema
        {
            OneOf = shapes.ItemTypes.Select(t => context.SchemaGenerator.GenerateSchema(t, context.SchemaRepository)).ToList(),
        };
        operation.Responses ??= new OpenApiResponses();
        operation.Responses["200"] = new OpenApiResponse
        {
            Description = "OK",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Array, Items = items } },
            },
        };
    }
}
