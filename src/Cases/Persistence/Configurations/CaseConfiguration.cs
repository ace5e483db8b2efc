using CityOps.Cases.Cases;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<CityCase>
{
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
        // Duplicate check: cases of a kind and code reported within the window (not the code's whole history), their
        // status checked in the index before any row is read.
        b.HasIndex(c => new { c.Kind, c.Code, c.CreatedAt, c.Status });
        b.HasIndex(c => c.WorkflowInstanceId);
    }
}
