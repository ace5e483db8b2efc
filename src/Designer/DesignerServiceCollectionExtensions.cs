using CityOps.Designer.Interop;
using CityOps.Designer.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Radzen;

namespace CityOps.Designer;

/// <summary>Registers the UI's services; the host maps the components.</summary>
public static class DesignerServiceCollectionExtensions
{
    public static IServiceCollection AddCityOpsDesigner(this IServiceCollection services)
    {
        services.AddRadzenComponents();
        services.TryAddScoped<FileDownload>();
        services.TryAddSingleton<IDefinitionUpdates, StoreDefinitionUpdates>();
        return services;
    }
}
