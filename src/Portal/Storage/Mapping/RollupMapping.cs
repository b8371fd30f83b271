using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Storage.Mapping;

internal sealed class RollupMapping : IEntityTypeConfiguration<RollupRow>
{
    public void Configure(EntityTypeBuilder<RollupRow> rollup)
    {
        rollup.ToTable("rollups");
        rollup.HasKey(r => new { r.ResolutionSeconds, r.Scope, r.Key, r.WindowStart });
        AggregateColumns.Map(rollup);
        rollup.Property(r => r.Revision).HasColumnName("revision");
    }
}
