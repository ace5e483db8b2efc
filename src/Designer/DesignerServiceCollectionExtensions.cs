using Microsoft.Extensions.DependencyInjection;
using Radzen;

namespace CityOps.Designer;

/// <summary>Registers the UI's services; the host maps the components.</summary>
public static class DesignerServiceCollectionExtensions
{
    public static IServiceCollection AddCityOpsDesigner(this IServiceCollection services)
    {
        services.AddRadzenComponents();
        return services;
    }
}
