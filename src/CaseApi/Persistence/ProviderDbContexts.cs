using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Persistence;

// One subclass per provider so each provider keeps its own migrations folder in step with the shared model.

/// <summary>CityOps model on SQLite.</summary>
public sealed class SqliteCityOpsDbContext(DbContextOptions<SqliteCityOpsDbContext> options) : CityOpsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetAsUtcTicks();
}

/// <summary>CityOps model on PostgreSQL.</summary>
public sealed class PostgreSqlCityOpsDbContext(DbContextOptions<PostgreSqlCityOpsDbContext> options) : CityOpsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.StoreDateTimeOffsetInUtc();
}

/// <summary>CityOps model on SQL Server.</summary>
public sealed class SqlServerCityOpsDbContext(DbContextOptions<SqlServerCityOpsDbContext> options) : CityOpsDbContext(options);
