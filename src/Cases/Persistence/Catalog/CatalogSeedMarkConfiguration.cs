using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class CatalogSeedMarkConfiguration : IEntityTypeConfiguration<CatalogSeedMark>
{
    public void Configure(EntityTypeBuilder<CatalogSeedMark> b)
    {
        b.ToTable("CatalogSeedMarks");
        b.HasKey(m => m.Section);
        b.Property(m => m.Section).HasMaxLength(100);
    }
}
