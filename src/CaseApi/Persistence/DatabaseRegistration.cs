using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Update;

namespace CityOps.CaseApi.Persistence;

/// <summary>Registers the provider chosen by <c>Database:Provider</c> behind <see cref="CityOpsDbContext"/>.</summary>
internal static class DatabaseRegistration
{
    public static IHostApplicationBuilder AddCityOpsDatabase(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(o => o.Provider == DatabaseProvider.Sqlite || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Database:ConnectionString is required when Database:Provider is PostgreSql or SqlServer.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var database = ResolvedDatabase.From(options, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(database);

        // Pooled contexts: every HTTP call and every engine step (its own scope) leases one instead of building a
        // context and its internal services again. The contexts hold no state of their own; EF resets them on return.
        // Interceptors registered as IInterceptor services are added too (the benchmarks count SQL commands that way).
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                SqliteNative.Configure(options.SqliteStatementCache);
                builder.Services.AddDbContextPool<SqliteCityOpsDbContext>((sp, o) => Configure(o, database.Provider, database.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
                builder.Services.AddScoped<CityOpsDbContext>(sp => sp.GetRequiredService<SqliteCityOpsDbContext>());
                builder.Services.AddHostedService<SqliteCheckpointer>();
                if (database.SqliteFile is not ":memory:")
                {
                    // Step commits on one connection whose page cache stays valid (an in-memory database is per connection).
                    builder.Services.AddSingleton<SqliteWriteConnection>();
                    builder.Services.AddSingleton<IWriteConnectionLease>(sp => sp.GetRequiredService<SqliteWriteConnection>());
                }

                builder.Services.AddHealthChecks().AddCheck<SqliteHealthCheck>("sqlite");
                break;
            case DatabaseProvider.PostgreSql:
                builder.Services.AddDbContextPool<PostgreSqlCityOpsDbContext>((sp, o) => Configure(o, database.Provider, database.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
                builder.Services.AddScoped<CityOpsDbContext>(sp => sp.GetRequiredService<PostgreSqlCityOpsDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                builder.Services.AddDbContextPool<SqlServerCityOpsDbContext>((sp, o) => Configure(o, database.Provider, database.ConnectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
                builder.Services.AddScoped<CityOpsDbContext>(sp => sp.GetRequiredService<SqlServerCityOpsDbContext>());
                break;
            default:
                throw new InvalidOperationException($"Database:Provider '{database.Provider}' is not supported.");
        }

        builder.Services.AddScoped<IWorkflowStore>(sp => new EfWorkflowStore(sp.GetRequiredService<CityOpsDbContext>(), sp.GetService<IWriteConnectionLease>()));
        builder.Services.AddHealthChecks().AddDbContextCheck<CityOpsDbContext>("database");
        return builder;
    }

    /// <summary>The one place that says how each provider is configured (runtime, design time and tests).</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString).ReplaceService<IModificationCommandBatchFactory, SqliteCommandBatching>().AddInterceptors(SqliteConnectionSettings.Instance, SqliteWriteGate.Instance, SqliteWriteGate.OnFirstStatement, SqliteWriteGate.OnClose),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    public static DbContextOptionsBuilder<T> Configure<T>(DbContextOptionsBuilder<T> builder, DatabaseProvider provider, string connectionString)
        where T : DbContext
    {
        Configure((DbContextOptionsBuilder)builder, provider, connectionString);
        return builder;
    }
}
