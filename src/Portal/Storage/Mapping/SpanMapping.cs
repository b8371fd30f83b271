using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Records;

namespace Portal.Storage.Mapping;

internal sealed class SpanMapping : IEntityTypeConfiguration<SpanRecord>
{
    public void Configure(EntityTypeBuilder<SpanRecord> span)
    {
        span.ToTable("spans");
        span.HasKey(s => new { s.StartTime, s.Service, s.TraceId, s.SpanId });
        span.Property(s => s.TraceId).HasColumnName("trace_id").HasConversion(IdConverters.Trace);
        span.Property(s => s.SpanId).HasColumnName("span_id").HasConversion(IdConverters.Span);
        span.Property(s => s.ParentSpanId).HasColumnName("parent_span_id").HasConversion(IdConverters.Span);
        span.Property(s => s.Service).HasColumnName("service").UseCollation("C");
        span.Property(s => s.Endpoint).HasColumnName("endpoint");
        span.Property(s => s.Instance).HasColumnName("instance");
        span.Property(s => s.Kind).HasColumnName("kind");
        span.Property(s => s.StartTime).HasColumnName("start_time");
        span.Property(s => s.DurationMicros).HasColumnName("duration_us");
        span.Property(s => s.IsError).HasColumnName("is_error");
        span.Property(s => s.StatusCode).HasColumnName("status_code");
        span.Property(s => s.StatusMessage).HasColumnName("status_message");
        span.Property(s => s.Scenario).HasColumnName("scenario");
        span.Property(s => s.AttributesJson).HasColumnName("attributes").HasColumnType("json");
        span.Property(s => s.EventsJson).HasColumnName("events").HasColumnType("json");
        span.Property<DateTime>("ReceivedAt").HasColumnName("received_at").ValueGeneratedOnAdd();
        span.Ignore(s => s.EndTime);
    }
}
