using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Records;

namespace Portal.Storage.Mapping;

internal sealed class EventMapping : IEntityTypeConfiguration<EventRecord>
{
    public void Configure(EntityTypeBuilder<EventRecord> ev)
    {
        ev.ToTable("events");
        ev.HasKey(e => new { e.Source, e.Id });
        ev.Property(e => e.Source).HasColumnName("source");
        ev.Property(e => e.Id).HasColumnName("id");
        ev.Property(e => e.Type).HasColumnName("type");
        ev.Property(e => e.Time).HasColumnName("time");
        ev.Property(e => e.Subject).HasColumnName("subject");
        ev.Property(e => e.DataContentType).HasColumnName("data_content_type");
        ev.Property(e => e.DataJson).HasColumnName("data").HasColumnType("jsonb");
        ev.Property<DateTime>("ReceivedAt").HasColumnName("received_at").ValueGeneratedOnAdd();
    }
}
