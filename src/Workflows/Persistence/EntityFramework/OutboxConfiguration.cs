using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class OutboxConfiguration : IEntityTypeConfiguration<OutboxRecord>
{
    public void Configure(EntityTypeBuilder<OutboxRecord> b)
    {
        b.ToTable("WorkflowOutbox");
        b.HasKey(o => o.Id);
        b.Property(o => o.ActivityId).HasMaxLength(120).IsRequired();
        b.Property(o => o.Channel).HasMaxLength(60).IsRequired();
        b.Property(o => o.Recipient).HasMaxLength(200);
        b.Property(o => o.Subject).HasMaxLength(500);
        b.Property(o => o.Body).IsRequired();
        b.HasIndex(o => new { o.InstanceId, o.CreatedAt });
        b.HasIndex(o => new { o.SentAt, o.CreatedAt });
    }
}
