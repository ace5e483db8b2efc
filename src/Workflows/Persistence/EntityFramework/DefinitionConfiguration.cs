using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class DefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> b)
    {
        b.ToTable("WorkflowDefinitions");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).HasMaxLength(160);
        b.Property(d => d.DefinitionId).HasMaxLength(120).IsRequired();
        b.Property(d => d.Name).HasMaxLength(200).IsRequired();
        b.Property(d => d.TriggerEventName).HasMaxLength(200);
        b.Property(d => d.ContentHash).HasMaxLength(64).IsRequired();
        b.Property(d => d.Json).IsRequired();
        b.Property(d => d.UpdatedBy).HasMaxLength(200);
        b.Property(d => d.PublishedBy).HasMaxLength(200);

        // Optimistic check on flag changes (publish, retract, new latest); no schema change, only the WHERE clause.
        b.Property(d => d.UpdatedAt).IsConcurrencyToken();
        b.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        b.HasIndex(d => new { d.DefinitionId, d.IsLatest });
        b.HasIndex(d => new { d.TriggerEventName, d.IsPublished });
    }
}
