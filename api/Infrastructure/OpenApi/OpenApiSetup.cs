using Clinic.Api.Features.Assessments;
using Microsoft.OpenApi;

namespace Clinic.Api.Infrastructure.OpenApi;

/// <summary>
/// The OpenAPI document the web app's TypeScript types are generated from
/// (web/src/app/core/api/openapi.json, kept equal by OpenApiDocumentTests). The generator is
/// registered in every environment so the contract test can read it; only Development serves it
/// (Pipeline.UseClinic).
/// </summary>
public static class OpenApiSetup
{
    public static void AddClinicOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(c =>
        {
            c.SwaggerDoc("v1", new OpenApiInfo { Title = "Clinic API", Version = "v1" });
            c.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "JWT",
                Description = "The access token from POST /api/auth/login.",
            });
            c.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference("bearer", document)] = [],
            });
            // string? vs string and null-able references, so the generated TypeScript says `| null` only where the API sends null.
            c.SupportNonNullableReferenceTypes();
            c.UseAllOfToExtendReferenceSchemas();
            // Read pair by pair by its own converter (ItemResponses.cs); on the wire an object of item id → answer.
            c.MapType<ItemResponses>(() => new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32" },
            });
            c.OperationFilter<CamelCaseQueryParametersFilter>();
            c.OperationFilter<ListOfOneOfFilter>();
            c.DocumentFilter<RequiredPropertiesFilter>();
        });
    }
}
