using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Portal.Storage;
using Portal.Testing;

namespace Portal.Tests.Storage;

/// <summary>The EF Core model and the schema that migrations/ creates must agree, table by table and column by column.</summary>
public sealed class SchemaAgreementTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Every_mapped_column_exists_with_the_mapped_type_nullability_and_collation()
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var columns = await ReadColumnsAsync(host.Factory.ConnectionString);
        var problems = new List<string>();

        // The design-time model: the runtime one does not keep collations.
        foreach (var entity in db.GetService<IDesignTimeModel>().Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var storeObject = StoreObjectIdentifier.Table(table);
            foreach (var property in entity.GetProperties())
            {
                var name = property.GetColumnName(storeObject)!;
                if (!columns.TryGetValue((table, name), out var column))
                {
                    problems.Add($"{table}.{name} is mapped but missing");
                    continue;
                }
                var mappedType = property.GetRelationalTypeMapping().StoreType;
                if (!SameType(mappedType, column.Type)) problems.Add($"{table}.{name}: mapped {mappedType}, schema {column.Type}");
                if (property.IsNullable != column.Nullable) problems.Add($"{table}.{name}: mapped nullable={property.IsNullable}, schema nullable={column.Nullable}");
                if (property.GetCollation() != column.Collation) problems.Add($"{table}.{name}: mapped collation {property.GetCollation() ?? "default"}, schema {column.Collation ?? "default"}");
            }
            var mapped = entity.GetProperties().Select(p => p.GetColumnName(storeObject)).ToHashSet();
            problems.AddRange(columns.Keys.Where(k => k.Table == table && !mapped.Contains(k.Column)).Select(k => $"{table}.{k.Column} exists but is not mapped"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public async Task Every_primary_key_has_the_mapped_columns_in_the_mapped_order()
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var keys = await ReadPrimaryKeysAsync(host.Factory.ConnectionString);

        // Column order matters: it decides where inserts land in the index and which scans it serves.
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            var storeObject = StoreObjectIdentifier.Table(table);
            var mapped = entity.FindPrimaryKey()?.Properties.Select(p => p.GetColumnName(storeObject)!).ToArray() ?? [];
            Assert.True(keys.TryGetValue(table, out var schema), $"{table} has no primary key in the schema");
            Assert.Equal(string.Join(", ", mapped), string.Join(", ", schema));
        }
    }

    [Fact]
    public async Task Every_entity_can_be_queried_against_the_migrated_database()
    {
        using var scope = host.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Empty(await db.Spans.Take(1).ToListAsync());
        Assert.Empty(await db.Logs.Take(1).ToListAsync());
        Assert.Empty(await db.Events.Take(1).ToListAsync());
        Assert.Empty(await db.Rollups.Take(1).ToListAsync());
        Assert.Empty(await db.RollupDeltas.Take(1).ToListAsync());
        Assert.Equal(5, db.Model.GetEntityTypes().Count());
    }

    private static bool SameType(string mapped, string schema) =>
        Normalise(mapped) == Normalise(schema);

    private static string Normalise(string type) => type.ToLowerInvariant() switch
    {
        "timestamp with time zone" => "timestamptz",
        "character varying" => "text",
        var t => t,
    };

    /// <summary>The key columns of each table's primary key, in index order (INCLUDE columns left out).</summary>
    private static async Task<Dictionary<string, string[]>> ReadPrimaryKeysAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.relname, array_agg(a.attname ORDER BY k.ord)
            FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
            WHERE n.nspname = 'public' AND p.contype = 'p' AND NOT c.relispartition
            GROUP BY c.relname
            """, conn);
        var result = new Dictionary<string, string[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) result[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);
        return result;
    }

    /// <summary>Each column's type, nullability and collation (null for the database's default, as EF maps it).</summary>
    private static async Task<Dictionary<(string Table, string Column), (string Type, bool Nullable, string? Collation)>> ReadColumnsAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT c.relname, a.attname, format_type(a.atttypid, NULL), NOT a.attnotnull,
                   CASE WHEN a.attcollation = t.typcollation THEN NULL ELSE co.collname END
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                 JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped
            """, conn);
        var result = new Dictionary<(string, string), (string, bool, string?)>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            result[(reader.GetString(0), reader.GetString(1))] = (reader.GetString(2), reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetString(4));
        return result;
    }
}
