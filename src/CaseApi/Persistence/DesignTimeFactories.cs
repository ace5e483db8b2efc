using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CityOps.CaseApi.Persistence;

// Used by `dotnet ef migrations add/script`: no server is contacted, so the connection strings are placeholders.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCityOpsDbContext>
{
    public SqliteCityOpsDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqliteCityOpsDbContext>(), DatabaseProvider.Sqlite, "Data Source=design.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCityOpsDbContext>
{
    public PostgreSqlCityOpsDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<PostgreSqlCityOpsDbContext>(), DatabaseProvider.PostgreSql, "Host=localhost;Database=cityops").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerCityOpsDbContext>
{
    public SqlServerCityOpsDbContext CreateDbContext(string[] args) =>
        new(DatabaseRegistration.Configure(new DbContextOptionsBuilder<SqlServerCityOpsDbContext>(), DatabaseProvider.SqlServer, "Server=localhost;Database=cityops;Trusted_Connection=True;TrustServerCertificate=True").Options);
}
