using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Clinic.Api.Data;

/// <summary>
/// The schema is hand-written SQL in snake_case; this maps every column, key and index to it.
/// EFCore.NamingConventions does the same but is not in our package source.
/// </summary>
internal static class SnakeCaseNames
{
    public static void UseSnakeCaseNames(this ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table && table.Any(char.IsUpper)) entity.SetTableName(ToSnakeCase(table));
            foreach (var property in entity.GetProperties())
            {
                if (property.GetColumnName() is var column && column != "xmin") property.SetColumnName(ToSnakeCase(column));
            }
            foreach (var key in entity.GetKeys()) key.SetName(ToSnakeCase(key.GetName()!));
            foreach (var fk in entity.GetForeignKeys()) fk.SetConstraintName(ToSnakeCase(fk.GetConstraintName()!));
            foreach (var index in entity.GetIndexes()) index.SetDatabaseName(ToSnakeCase(index.GetDatabaseName()!));
        }
    }

    public static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
