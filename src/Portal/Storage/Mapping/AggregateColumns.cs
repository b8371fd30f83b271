using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Portal.Storage.Mapping;

/// <summary>Maps the columns that rollups and rollup_deltas share.</summary>
internal static class AggregateColumns
{
    public static void Map<T>(EntityTypeBuilder<T> row) where T : class, IAggregateRow
    {
        row.Property(nameof(IAggregateRow.ResolutionSeconds)).HasColumnName("resolution_s");
        row.Property(nameof(IAggregateRow.Scope)).HasColumnName("scope");
        row.Property(nameof(IAggregateRow.Key)).HasColumnName("key");
        row.Property(nameof(IAggregateRow.WindowStart)).HasColumnName("window_start");
        row.Property(nameof(IAggregateRow.Count)).HasColumnName("count");
        row.Property(nameof(IAggregateRow.Errors)).HasColumnName("errors");
        row.Property(nameof(IAggregateRow.DurationSumMicros)).HasColumnName("duration_sum_us");
        row.Property(nameof(IAggregateRow.DurationMinMicros)).HasColumnName("duration_min_us");
        row.Property(nameof(IAggregateRow.DurationMaxMicros)).HasColumnName("duration_max_us");
        row.Property(nameof(IAggregateRow.Sketch)).HasColumnName("sketch");
    }
}
