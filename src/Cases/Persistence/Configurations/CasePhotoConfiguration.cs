using CityOps.Cases.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CasePhotoConfiguration : IEntityTypeConfiguration<CasePhoto>
{
    public void Configure(EntityTypeBuilder<CasePhoto> b)
    {
        b.ToTable("CasePhotos");
        b.HasKey(p => p.Id);
        b.HasIndex(p => p.CaseId);
        b.Property(p => p.ContentType).HasMaxLength(20).IsRequired();
        b.Property(p => p.StoredPath).HasMaxLength(200).IsRequired();
        b.Property(p => p.UploadedBy).HasMaxLength(64).IsRequired();
    }
}
