using CityOps.Cases.People;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityOps.Cases.Persistence.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> b)
    {
        b.ToTable("Users");
        b.HasKey(u => u.Id);
        b.Property(u => u.UserName).HasMaxLength(64).IsRequired();
        b.HasIndex(u => u.UserName).IsUnique();
        b.Property(u => u.DisplayName).HasMaxLength(100).IsRequired();
        b.Property(u => u.PasswordHash).HasMaxLength(200).IsRequired();
        b.Property(u => u.DepartmentCode).HasMaxLength(40);
        b.Property(u => u.AreaCode).HasMaxLength(20);
        b.PrimitiveCollection(u => u.Roles).Metadata.SetValueComparer(ListComparers.For<string>());
        b.HasIndex(u => u.DepartmentCode);
    }
}
