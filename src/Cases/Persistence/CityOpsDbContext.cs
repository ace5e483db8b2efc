using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Cases.Persistence;

/// <summary>
/// The one DbContext of a CityOps node: the engine's tables and the city's tables live in one model so that a
/// workflow step and the case rows it changes commit in a single <c>SaveChanges</c>.
/// Each database provider has a thin subclass in the host that owns that provider's migrations.
/// </summary>
public class CityOpsDbContext : DbContext
{
    protected CityOpsDbContext(DbContextOptions options)
        : base(options)
    {
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyWorkflowsModel();
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CityOpsDbContext).Assembly);
    }
}
