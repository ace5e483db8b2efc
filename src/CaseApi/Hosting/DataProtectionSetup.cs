using CityOps.CaseApi.Persistence;
using Microsoft.AspNetCore.DataProtection;

namespace CityOps.CaseApi.Hosting;

/// <summary>Keys for cookies and antiforgery live in the data folder so sign-ins survive a restart.</summary>
internal static class DataProtectionSetup
{
    public static WebApplicationBuilder AddCityOpsDataProtection(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var folder = Path.Combine(Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, options.DataFolder)), "keys");
        builder.Services.AddDataProtection()
            .SetApplicationName("CityOps")
            .PersistKeysToFileSystem(new DirectoryInfo(folder));
        return builder;
    }
}
