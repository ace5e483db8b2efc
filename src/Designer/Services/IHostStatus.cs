namespace CityOps.Designer.Services;

/// <summary>What the shell shows about the node it runs on; implemented by the host.</summary>
public interface IHostStatus
{
    Task<HostStatusInfo> GetAsync(CancellationToken cancellationToken);
}

/// <summary>Version, database and health of a CityOps node.</summary>
public sealed record HostStatusInfo(string Version, string DatabaseProvider, string Database, string Health, DateTimeOffset ServerTimeUtc);
