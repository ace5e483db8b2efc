using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class TaskConfiguration : IEntityTypeConfiguration<WorkflowTaskRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowTaskRecord> b)
    {
        b.ToTable("WorkflowTasks");
        b.HasKey(t => t.Id);
        b.Property(t => t.ActivityId).HasMaxLength(120).IsRequired();
        b.Property(t => t.Title).HasMaxLength(500).IsRequired();
        b.Property(t => t.AssigneeGroup).HasMaxLength(200);
        b.Property(t => t.AssigneePerson).HasMaxLength(200);
        b.Property(t => t.ClaimedBy).HasMaxLength(200);
        b.Property(t => t.CompletedBy).HasMaxLength(200);
        b.Property(t => t.Outcome).HasMaxLength(120);
        b.PrimitiveCollection(t => t.Outcomes).Metadata.SetValueComparer(ListComparers.For<string>());

        // Inbox queries: a group's or a person's open tasks in creation order. A person's tasks are looked up only by a
        // name, never as "none": the person indexes hold only the tasks that have one. Most tasks go to a group, so
        // creating or completing one leaves both indexes alone (on SQLite, four fewer pages written per step).
        b.HasIndex(t => new { t.AssigneeGroup, t.Status, t.CreatedAt });
        b.HasIndex(t => new { t.AssigneePerson, t.Status }).HasFilter("\"AssigneePerson\" IS NOT NULL");
        b.HasIndex(t => new { t.ClaimedBy, t.Status }).HasFilter("\"ClaimedBy\" IS NOT NULL");
        b.HasIndex(t => t.InstanceId);
    }
}
