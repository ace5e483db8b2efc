using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class TimerConfiguration : IEntityTypeConfiguration<TimerRecord>
{
    public void Configure(EntityTypeBuilder<TimerRecord> b)
    {
        b.ToTable("WorkflowTimers");
        b.HasKey(t => t.Id);
        b.Property(t => t.ActivityId).HasMaxLength(120).IsRequired();
        b.HasIndex(t => t.DueAt);
        b.HasIndex(t => t.InstanceId);
    }
}
