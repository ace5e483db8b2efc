using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class RoutingRuleRecordConfiguration : IEntityTypeConfiguration<RoutingRuleRecord>
{
    public void Configure(EntityTypeBuilder<RoutingRuleRecord> b)
    {
        b.ToTable("CatalogRoutingRules");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).HasMaxLength(40);
        b.Property(r => r.Code).HasMaxLength(20).IsRequired();
        b.Property(r => r.Area).HasMaxLength(40).IsRequired();
        b.Property(r => r.DepartmentCode).HasMaxLength(40).IsRequired();
        b.Property(r => r.Note).HasMaxLength(500);
        b.Property(r => r.UpdatedBy).HasMaxLength(64).IsRequired();

        // Two rules with the same selectors would tie; the database refuses them even if two nodes race.
        b.HasIndex(r => new { r.Code, r.Area }).IsUnique();
    }
}
