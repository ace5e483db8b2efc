using CityOps.Cases.Cases;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<CityCase>
{
    /// <summary>The states a case does not come back from: not a duplicate candidate.</summary>
    internal static readonly CaseStatus[] Ended = [CaseStatus.Closed, CaseStatus.Voided, CaseStatus.Merged];

    private static readonly string OpenFilter = string.Join(" AND ", Ended.Select(s => $"\"Status\" <> '{s}'"));

    public void Configure(EntityTypeBuilder<CityCase> b)
    {
        b.ToTable("Cases");
        b.HasKey(c => c.Id);
        b.Property(c => c.Number).HasMaxLength(20).IsRequired();
        b.HasIndex(c => c.Number).IsUnique();
        b.Property(c => c.Source).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        b.Property(c => c.Urgency).HasConversion<string>().HasMaxLength(20);
        b.Property(c => c.Code).HasMaxLength(10).IsRequired();
        b.Property(c => c.ReportedCode).HasMaxLength(10);
        b.Property(c => c.Title).HasMaxLength(100).IsRequired();
        b.Property(c => c.Description).HasMaxLength(4000).IsRequired();
        b.Property(c => c.Address).HasMaxLength(256);
        b.Property(c => c.GridCode).HasMaxLength(15).IsRequired();
        b.Property(c => c.CommunityCode).HasMaxLength(12).IsRequired();
        b.Property(c => c.StreetCode).HasMaxLength(9).IsRequired();
        b.Property(c => c.DistrictCode).HasMaxLength(6).IsRequired();
        b.Property(c => c.ReporterUserName).HasMaxLength(64).IsRequired();
        b.Property(c => c.ReporterContact).HasMaxLength(100);
        b.Property(c => c.LeadDepartment).HasMaxLength(40);
        b.Property(c => c.DispatchReason).HasMaxLength(300);
        b.PrimitiveCollection(c => c.AssistingDepartments).Metadata.SetValueComparer(ListComparers.For<string>());
        b.Ignore(c => c.IsOpen);
        b.Ignore(c => c.OpenStage);
        b.HasMany(c => c.Stages).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(c => c.Suspensions).WithOne().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(c => new { c.Status, c.CreatedAt });
        b.HasIndex(c => c.LeadDepartment);
        b.HasIndex(c => c.GridCode);
        // Duplicate check: open cases of a kind and code reported within the window. Only open cases are in the index
        // (a partial index), so the check reads the window's open cases, not every case of the code reported in the
        // last day. The filter's terms are the query's own (CaseQueries.RecentOpenPlaced), as SQLite and PostgreSQL
        // use a partial index only when the query's WHERE states its filter; double quotes are standard SQL, valid on
        // SQL Server too (filtered indexes require QUOTED_IDENTIFIER ON anyway).
        b.HasIndex(c => new { c.Kind, c.Code, c.CreatedAt }, "IX_Cases_Open_Kind_Code_CreatedAt").HasFilter(OpenFilter);
        b.HasIndex(c => c.WorkflowInstanceId);
    }
}
