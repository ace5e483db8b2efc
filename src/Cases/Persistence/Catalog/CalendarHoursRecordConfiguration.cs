using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Catalog;

internal sealed class CalendarHoursRecordConfiguration : IEntityTypeConfiguration<CalendarHoursRecord>
{
    public void Configure(EntityTypeBuilder<CalendarHoursRecord> b)
    {
        b.ToTable("CatalogCalendarHours");
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).ValueGeneratedNever();
        b.Property(h => h.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Property(h => h.StandardDay).HasConversion<string>().HasMaxLength(16);
        b.Property(h => h.Weekdays).HasMaxLength(4000).IsRequired();
    }
}
