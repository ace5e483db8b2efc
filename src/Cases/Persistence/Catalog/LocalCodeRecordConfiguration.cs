using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class LocalCodeRecordConfiguration : IEntityTypeConfiguration<LocalCodeRecord>
{
    public void Configure(EntityTypeBuilder<LocalCodeRecord> b)
    {
        b.ToTable("CatalogLocalCodes");
        b.HasKey(c => new { c.Kind, c.Code });
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Code).HasMaxLength(5);
        b.Property(c => c.MajorCode).HasMaxLength(2).IsRequired();
        b.Property(c => c.MajorClassZh).HasMaxLength(100).IsRequired();
        b.Property(c => c.MajorClassEn).HasMaxLength(200).IsRequired();
        b.Property(c => c.NameZh).HasMaxLength(100).IsRequired();
        b.Property(c => c.NameEn).HasMaxLength(200).IsRequired();
        b.Property(c => c.Note).HasMaxLength(1000);
    }
}
