using Microsoft.EntityFrameworkCore;
using Portal.Core.Records;

namespace Portal.Storage;

/// <summary>EF Core's map of the tables that migrations/ creates; used for queries and small writes (bulk writes use COPY).</summary>
public sealed class PortalDbContext(DbContextOptions<PortalDbContext> options) : DbContext(options)
{
    public DbSet<SpanRecord> Spans => Set<SpanRecord>();
    public DbSet<LogRecord> Logs => Set<LogRecord>();
    public DbSet<EventRecord> Events => Set<EventRecord>();
    public DbSet<RollupRow> Rollups => Set<RollupRow>();
    public DbSet<RollupDeltaRow> RollupDeltas => Set<RollupDeltaRow>();

    protected override void OnModelCreating(ModelBuilder model) => model.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
}
