using CityOps.Cases.Cases;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseTimelineConfiguration : IEntityTypeConfiguration<CaseTimelineEntry>
{
    public void Configure(EntityTypeBuilder<CaseTimelineEntry> b)
    {
        b.ToTable("CaseTimeline");
        b.HasKey(e => e.Id);
        b.HasIndex(e => new { e.CaseId, e.Sequence }).IsUnique();
        b.Property(e => e.Actor).HasMaxLength(64).IsRequired();
        b.Property(e => e.Role).HasMaxLength(40).IsRequired();
        b.Property(e => e.Action).HasMaxLength(80).IsRequired();
        b.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(30);
        b.Property(e => e.Comment).HasMaxLength(2000);
        b.PrimitiveCollection(e => e.PhotoIds).Metadata.SetValueComparer(ListComparers.For<Guid>());
        b.InsertedWithStepRows(); // a step that records two entries writes them in one statement
    }
}
