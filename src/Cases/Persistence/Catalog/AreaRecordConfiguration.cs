using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class AreaRecordConfiguration : IEntityTypeConfiguration<AreaRecord>
{
    public void Configure(EntityTypeBuilder<AreaRecord> b)
    {
        b.ToTable("CatalogAreas");
        b.HasKey(a => a.Code);
        b.Property(a => a.Code).HasMaxLength(15);
        b.Property(a => a.Name).HasMaxLength(100).IsRequired();
        b.Property(a => a.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(a => a.ParentCode).HasMaxLength(15);
        b.Property(a => a.Geometry).IsRequired();
        b.HasIndex(a => a.ParentCode);
    }
}
