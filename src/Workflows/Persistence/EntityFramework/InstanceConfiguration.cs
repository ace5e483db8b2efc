using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class InstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> b)
    {
        b.ToTable("WorkflowInstances");
        b.HasKey(i => i.Id);
        b.Property(i => i.DefinitionId).HasMaxLength(120).IsRequired();
        b.Property(i => i.CorrelationId).HasMaxLength(200);
        b.Property(i => i.StateJson).IsRequired();

        // UPDATE … WHERE Id = @id AND Version = @expected: a lost race updates no row and becomes a conflict.
        b.Property(i => i.Version).IsConcurrencyToken();
        b.HasIndex(i => new { i.Status, i.DefinitionId });
        b.HasIndex(i => i.CorrelationId);
    }
}
