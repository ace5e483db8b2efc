using CityOps.Cases.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseSupervisionConfiguration : IEntityTypeConfiguration<SupervisionOrder>
{
    public void Configure(EntityTypeBuilder<SupervisionOrder> b)
    {
        b.ToTable("CaseSupervisionOrders");
        b.HasKey(o => o.Id);
        b.HasIndex(o => o.CaseId);
        b.HasIndex(o => o.DepartmentCode);
        b.Property(o => o.DepartmentCode).HasMaxLength(40).IsRequired();
        b.Property(o => o.Level).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Reason).HasMaxLength(20).IsRequired();
        b.Property(o => o.IssuedBy).HasMaxLength(64).IsRequired();
    }
}
