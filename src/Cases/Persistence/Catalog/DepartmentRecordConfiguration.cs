using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class DepartmentRecordConfiguration : IEntityTypeConfiguration<DepartmentRecord>
{
    public void Configure(EntityTypeBuilder<DepartmentRecord> b)
    {
        b.ToTable("CatalogDepartments");
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(40);
        b.Property(d => d.NameZh).HasMaxLength(100).IsRequired();
        b.Property(d => d.NameEn).HasMaxLength(200).IsRequired();
        b.Property(d => d.Level).HasConversion<string>().HasMaxLength(16);
        b.Property(d => d.ParentCode).HasMaxLength(40);
        b.Property(d => d.AreaCode).HasMaxLength(15).IsRequired();
        b.Property(d => d.Kind).HasMaxLength(40).IsRequired();
        b.HasIndex(d => d.ParentCode);
    }
}
