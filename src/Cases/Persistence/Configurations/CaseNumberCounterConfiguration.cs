using CityOps.Cases.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseNumberCounterConfiguration : IEntityTypeConfiguration<CaseNumberCounter>
{
    public void Configure(EntityTypeBuilder<CaseNumberCounter> b)
    {
        b.ToTable("CaseNumberCounters");
        b.HasKey(c => c.Day);
        b.Property(c => c.Day).HasMaxLength(8);

        // Numbers are taken by CaseNumbering's single atomic insert-or-increment statement in its own short
        // transaction, not through change tracking; the token only guards any tracked edit of a counter row.
        b.Property(c => c.Last).IsConcurrencyToken();
    }
}
