using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Workflows.Persistence.EntityFramework;

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> b)
    {
        b.ToTable("WorkflowBookmarks");
        b.HasKey(x => x.Id);
        b.Property(x => x.ActivityId).HasMaxLength(120).IsRequired();
        b.Property(x => x.Name).HasMaxLength(200).IsRequired();
        b.Property(x => x.CorrelationHash).HasMaxLength(64).IsRequired();
        b.HasIndex(x => new { x.Name, x.CorrelationHash });
        b.HasIndex(x => x.InstanceId);
    }
}
