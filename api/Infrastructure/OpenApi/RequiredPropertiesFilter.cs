using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Clinic.Api.Infrastructure.OpenApi;

/// <summary>
/// Says which properties are always there, so the generated TypeScript has no needless <c>?</c>.
/// Responses: the serializer writes every property, null included (JsonSetup: IgnoreCondition.Never),
/// so every property of a schema that only answers is required. Requests: a client may leave out a
/// nullable property (the validator names it when it matters), so only non-nullable ones are required.
/// Also unwraps the <c>allOf: [$ref]</c> that marks a nullable reference where nothing is added to it.
/// </summary>
internal sealed class RequiredPropertiesFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        var schemas = document.Components?.Schemas;
        if (schemas is null) return;

        var sentByClients = new HashSet<string>(StringComparer.Ordinal);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        foreach (var media in operation.RequestBody?.Content?.Values ?? [])
            Reach(media.Schema, schemas, sentByClients);

        foreach (var (name, schema) in schemas)
        {
            if (schema is not OpenApiSchema { Properties.Count: > 0 } objectSchema) continue;
            var request = sentByClients.Contains(name);
            objectSchema.Required = new SortedSet<string>(
                objectSchema.Properties.Where(p => !request || !IsNullable(p.Value)).Select(p => p.Key), StringComparer.Ordinal);
        }

        foreach (var schema in schemas.Values) Simplify(schema);
        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            var bodies = (operation.RequestBody?.Content?.Values.AsEnumerable() ?? [])
                .Concat((operation.Responses?.Values.AsEnumerable() ?? []).SelectMany(r => r.Content?.Values.AsEnumerable() ?? []));
            foreach (var media in bodies)
                if (media.Schema is { } body) media.Schema = Simplify(body);
        }
    }

    /// <summary>Unwraps every <c>allOf: [$ref]</c> that adds nothing, in this schema and the inline ones below it.</summary>
    private static IOpenApiSchema Simplify(IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema inline) return schema;
        if (inline.Properties is { } properties)
            foreach (var key in properties.Keys.ToList()) properties[key] = Simplify(properties[key]);
        if (inline.Items is { } items) inline.Items = Simplify(items);
        if (inline.AdditionalProperties is { } values) inline.AdditionalProperties = Simplify(values);
        return Unwrapped(inline);
    }

    private static bool IsNullable(IOpenApiSchema schema) =>
        schema is not OpenApiSchemaReference && schema.Type is { } type && type.HasFlag(JsonSchemaType.Null);

    /// <summary><c>allOf: [$ref]</c> with nothing beside it is the reference itself.</summary>
    private static IOpenApiSchema Unwrapped(IOpenApiSchema schema) =>
        schema is OpenApiSchema { AllOf: [OpenApiSchemaReference reference] } wrapper && !IsNullable(wrapper)
            && wrapper.Properties is null or { Count: 0 } && wrapper.Description is null
            ? reference
            : schema;

    private static void Reach(IOpenApiSchema? schema, IDictionary<string, IOpenApiSchema> schemas, HashSet<string> seen)
    {
        switch (schema)
        {
            case null:
                return;
            case OpenApiSchemaReference reference:
                if (reference.Reference.Id is { } id && seen.Add(id) && schemas.TryGetValue(id, out var target))
                    Reach(target, schemas, seen);
                return;
        }
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? [])
                     .Concat(schema.AnyOf ?? []).Append(schema.Items).Append(schema.AdditionalProperties))
            Reach(child, schemas, seen);
    }
}
