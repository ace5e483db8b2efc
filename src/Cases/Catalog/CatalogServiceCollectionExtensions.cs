using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Cases.Catalog;

public static class CatalogServiceCollectionExtensions
{
    /// <summary>
    /// The database-backed <see cref="ICityCatalog"/>: seeded from <paramref name="definitionsFolder"/> at start-up,
    /// editable through <see cref="CatalogEditor"/>. The national taxonomy directory is read from the folder.
    /// </summary>
    public static IServiceCollection AddCityOpsCatalog(this IServiceCollection services, string definitionsFolder)
    {
        services.AddSingleton(new CatalogSources(definitionsFolder));
        services.AddSingleton(_ => NationalDirectory.Load(definitionsFolder));
        services.AddSingleton<DbCityCatalog>();
        services.AddSingleton<ICityCatalog>(sp => sp.GetRequiredService<DbCityCatalog>());
        services.AddScoped<CatalogSeeder>();
        services.AddScoped<CatalogEditor>();
        services.AddHostedService<CatalogStartup>();
        return services;
    }
}
