using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class StimulusConfiguration : IEntityTypeConfiguration<StimulusRecord>
{
    public void Configure(EntityTypeBuilder<StimulusRecord> b)
    {
        b.ToTable("WorkflowStimuli");

        // The key is the idempotency key: a second insert of the same key fails inside the step's transaction.
        b.HasKey(s => s.IdempotencyKey);
        b.Property(s => s.IdempotencyKey).HasMaxLength(200);
        b.Property(s => s.ResultJson).IsRequired();
        b.HasIndex(s => s.ProcessedAt);
    }
}
