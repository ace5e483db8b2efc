using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class ResponsibilityRecordConfiguration : IEntityTypeConfiguration<ResponsibilityRecord>
{
    public void Configure(EntityTypeBuilder<ResponsibilityRecord> b)
    {
        b.ToTable("CatalogResponsibilities");
        b.HasKey(r => r.Id);
        b.Property(r => r.DepartmentCode).HasMaxLength(40).IsRequired();
        b.Property(r => r.Codes).HasMaxLength(2000).IsRequired();
        b.Property(r => r.Area).HasMaxLength(40).IsRequired();
        b.Property(r => r.DutyZh).HasMaxLength(1000).IsRequired();
        b.Property(r => r.DutyEn).HasMaxLength(1000).IsRequired();
        b.HasIndex(r => r.DepartmentCode);
    }
}
