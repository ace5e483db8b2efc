using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CityOps.CaseApi.Hosting;

/// <summary>Tells the person who typed <c>dotnet run</c> which URL to open.</summary>
internal static partial class StartupBanner
{
    public static void Log(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CityOps");
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var url in addresses.Select(a => a.TrimEnd('/')))
        {
            LogReady(logger, url);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "CityOps is ready. Open {Url}/ for the UI, {Url}/api-docs for the API, {Url}/health for health")]
    private static partial void LogReady(ILogger logger, string url);
}
