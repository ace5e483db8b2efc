using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class ParkedStimulusConfiguration : IEntityTypeConfiguration<ParkedStimulusRecord>
{
    public void Configure(EntityTypeBuilder<ParkedStimulusRecord> b)
    {
        b.ToTable("WorkflowParkedStimuli");
        b.HasKey(p => p.Id);
        b.Property(p => p.Name).HasMaxLength(200).IsRequired();
        b.Property(p => p.CorrelationHash).HasMaxLength(64).IsRequired();
        b.Property(p => p.IdempotencyKey).HasMaxLength(200).IsRequired();
        b.Property(p => p.StimulusJson).IsRequired();
        b.HasIndex(p => new { p.Name, p.CorrelationHash });
    }
}
