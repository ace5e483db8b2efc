using CityOps.CaseApi.Persistence;
using CityOps.Cases.Activities;
using CityOps.Workflows;
using CityOps.Workflows.Runtime;
using Quartz;

namespace CityOps.CaseApi.Hosting;

/// <summary>
/// The engine inside the host: its store is the host's DbContext (registered with the database), its timers are
/// swept by Quartz — clustered on PostgreSQL / SQL Server so one node fires each sweep, single-node on SQLite.
/// </summary>
internal static class WorkflowSetup
{
    public const string SectionName = "Workflows";

    public static WebApplicationBuilder AddCityOpsWorkflowEngine(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var sweep = builder.Configuration.GetSection($"{SectionName}:TimerSweep");

        builder.Services.AddCityOpsWorkflows(w => w.AddCityActivities());

        // Workflows:Runtime — MaxConcurrencyRetries, ConcurrencyRetryBaseDelay, ConcurrencyRetryMaxDelay, …
        builder.Services.Configure<WorkflowRuntimeOptions>(builder.Configuration.GetSection($"{SectionName}:Runtime"));
        builder.Services.AddWorkflowTimerSweep(o =>
        {
            sweep.Bind(o);
            o.Clustered = database.Provider != DatabaseProvider.Sqlite;
            o.ConfigurePersistentStore = store =>
            {
                store.UseSystemTextJsonSerializer();
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(database.ConnectionString!);
                }
                else
                {
                    store.UseSqlServer(database.ConnectionString!);
                }

                store.ProvisionSchema();
            };
        });
        builder.Services.AddHostedService<DefinitionSeeder>();
        return builder;
    }
}
