using CityOps.CaseApi.Endpoints;
using CityOps.CaseApi.Endpoints.Workflows;
using CityOps.CaseApi.Identity;
using CityOps.CaseApi.Persistence;
using CityOps.CaseApi.Ui;
using CityOps.Cases.Catalog;
using CityOps.Designer;
using CityOps.Designer.Components;
using System.Text.Json.Serialization;
using Scalar.AspNetCore;

namespace CityOps.CaseApi.Hosting;

/// <summary>Everything a CityOps node registers and maps, so Program.cs stays a table of contents.</summary>
internal static class HostSetup
{
    public static WebApplicationBuilder AddCityOpsHost(this WebApplicationBuilder builder)
    {
        // Static assets of Radzen and the Designer come from the build output unless the app was published;
        // this makes `dotnet run` work in every environment, not only in Development.
        builder.WebHost.UseStaticWebAssets();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddCityOpsDatabase();
        builder.AddCityOpsDataProtection();
        builder.Services.AddCityOpsProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "CityOps API";
            doc.Info.Description = "城市运行管理服务平台 case management: cases, tasks, workflows, catalog.";
            return Task.CompletedTask;
        }));
        builder.AddCityOpsLocalization();
        var definitions = DefinitionsFolder.Resolve(builder.Configuration, builder.Environment.ContentRootPath);
        builder.Services.AddSingleton(definitions);
        builder.Services.AddCityOpsCatalog(definitions.Path);
        builder.AddCityOpsAuth();
        builder.AddCityOpsWorkflowEngine();
        builder.Services.AddCaseEndpointServices();
        builder.Services.AddCityOpsDesigner();
        builder.Services.AddScoped<Designer.Services.IHostStatus, HostStatus>();
        builder.Services.AddCityOpsOperationsUi();
        builder.Services.AddRazorComponents()
            .AddInteractiveServerComponents()
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 16 * 1024 * 1024); // large flows must not disconnect (Elsa #7123)
        return builder;
    }

    public static async Task UseCityOpsHostAsync(this WebApplication app)
    {
        await app.MigrateCityOpsDatabaseAsync();

        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCityOpsLocalization();
        app.UseCityOpsAuthentication();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-docs", o => o.WithTitle("CityOps API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        app.MapCityOpsHealth();
        app.MapSystemEndpoints();
        app.MapAccountEndpoints();
        app.MapWorkflowDefinitionEndpoints();
        app.MapWorkflowInstanceEndpoints();
        app.MapWorkflowEventEndpoints();
        app.MapCatalogEndpoints();
        app.MapCaseEndpoints();
        app.MapTaskEndpoints();
        app.MapCultureEndpoint();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.Lifetime.ApplicationStarted.Register(() => StartupBanner.Log(app));
    }
}
