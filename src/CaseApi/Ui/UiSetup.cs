using CityOps.Designer.Services;

namespace CityOps.CaseApi.Ui;

/// <summary>The host's implementations of the operations UI's services (one circuit = one scope).</summary>
internal static class UiSetup
{
    public static IServiceCollection AddCityOpsOperationsUi(this IServiceCollection services) =>
        services.AddScoped<UiHandlers>()
            .AddScoped<IOpsTasks, UiTasks>()
            .AddScoped<IOpsCases, UiCases>()
            .AddScoped<IOpsCatalog, UiCatalog>()
            .AddScoped<IOpsRouting, UiRouting>();
}
