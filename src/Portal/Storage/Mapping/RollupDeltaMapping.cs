using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Storage.Mapping;

internal sealed class RollupDeltaMapping : IEntityTypeConfiguration<RollupDeltaRow>
{
    public void Configure(EntityTypeBuilder<RollupDeltaRow> delta)
    {
        delta.ToTable("rollup_deltas");
        delta.HasKey(d => d.Id);
        delta.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        AggregateColumns.Map(delta);
        delta.Property(d => d.CreatedAt).HasColumnName("created_at").ValueGeneratedOnAdd();
    }
}
