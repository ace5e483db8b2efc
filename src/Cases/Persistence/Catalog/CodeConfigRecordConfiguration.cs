using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class CodeConfigRecordConfiguration : IEntityTypeConfiguration<CodeConfigRecord>
{
    public void Configure(EntityTypeBuilder<CodeConfigRecord> b)
    {
        b.ToTable("CatalogCodeConfigs");
        b.HasKey(c => new { c.Kind, c.Code });
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.Code).HasMaxLength(5);
        b.Property(c => c.DepartmentCode).HasMaxLength(40).IsRequired();
        b.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(16);
        b.Property(c => c.LimitAmount).HasPrecision(10, 2);
        b.Property(c => c.LimitUnit).HasConversion<string>().HasMaxLength(24);
        b.Property(c => c.Source).HasMaxLength(500).IsRequired();
    }
}
