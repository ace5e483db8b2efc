using CityOps.Cases.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseStageConfiguration : IEntityTypeConfiguration<CaseStage>
{
    public void Configure(EntityTypeBuilder<CaseStage> b)
    {
        b.ToTable("CaseStages");
        b.HasKey(s => s.Id);
        b.Property(s => s.Stage).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.LimitUnit).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.LimitAmount).HasPrecision(10, 2);
        b.Ignore(s => s.Limit);
    }
}
