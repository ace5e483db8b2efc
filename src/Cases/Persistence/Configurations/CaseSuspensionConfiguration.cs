using CityOps.Cases.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseSuspensionConfiguration : IEntityTypeConfiguration<CaseSuspension>
{
    public void Configure(EntityTypeBuilder<CaseSuspension> b)
    {
        b.ToTable("CaseSuspensions");
        b.HasKey(s => s.Id);
        b.Property(s => s.Reason).HasMaxLength(500);
    }
}
