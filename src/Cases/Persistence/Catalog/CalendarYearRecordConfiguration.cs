using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class CalendarYearRecordConfiguration : IEntityTypeConfiguration<CalendarYearRecord>
{
    public void Configure(EntityTypeBuilder<CalendarYearRecord> b)
    {
        b.ToTable("CatalogCalendarYears");
        b.HasKey(y => y.Year);
        b.Property(y => y.Year).ValueGeneratedNever();
        b.Property(y => y.Status).HasConversion<string>().HasMaxLength(16);
        b.Property(y => y.Holidays).IsRequired();
        b.Property(y => y.AdjustedWorkdays).IsRequired();
        b.Property(y => y.SourceNotes).IsRequired();
    }
}
