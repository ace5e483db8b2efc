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

        // Two nodes taking the same day's next number: one UPDATE matches the old value, the other gets a concurrency
        // conflict, and the engine re-runs that whole step (case row included) with a fresh number.
        b.Property(c => c.Last).IsConcurrencyToken();
    }
}
