using System.Reflection;
using CityOps.CaseApi.Persistence;
using CityOps.Designer.Services;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityOps.CaseApi.Hosting;

internal sealed class HostStatus(HealthCheckService health, ResolvedDatabase database, TimeProvider time) : IHostStatus
{
    private static readonly string Version =
        typeof(HostStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public async Task<HostStatusInfo> GetAsync(CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(cancellationToken);
        return new HostStatusInfo(Version, database.Provider.ToString(), database.Describe(), report.Status.ToString(), time.GetUtcNow());
    }
}
