using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class JournalConfiguration : IEntityTypeConfiguration<JournalRecord>
{
    public void Configure(EntityTypeBuilder<JournalRecord> b)
    {
        b.ToTable("WorkflowJournal");
        b.HasKey(j => j.Id);
        b.Property(j => j.ActivityId).HasMaxLength(120).IsRequired();
        b.Property(j => j.ActivityType).HasMaxLength(200).IsRequired();
        b.Property(j => j.EventName).HasMaxLength(60).IsRequired();
        b.Property(j => j.Outcomes).HasMaxLength(500).IsRequired();
        b.Property(j => j.Actor).HasMaxLength(200);
        b.Property(j => j.Payload).HasMaxLength(4000);
        b.HasIndex(j => new { j.InstanceId, j.Sequence }).IsUnique();
    }
}
