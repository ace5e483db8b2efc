using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// <c>/health</c> entry <c>sqlite</c>: the library version and what <see cref="SqliteNative"/> set up — whether SQLite
/// keeps memory statistics (it should not), and the statement cache's capacity and counters since the start.
/// With a <see cref="SqliteWriteConnection"/>: the commits it took, its page cache's hits and misses, and the pages it wrote.
/// Always healthy: the database entry says whether the file answers; this one is for the operator reading it.
/// </summary>
internal sealed class SqliteHealthCheck(SqliteWriteConnection? writer = null) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var cache = SqliteNative.StatementCache;
        var data = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["version"] = SqliteNative.Version,
            ["memoryStatistics"] = SqliteNative.MemoryStatisticsOff ? "off" : "on",
            ["statementCacheCapacity"] = cache?.Capacity ?? 0,
            ["statementCacheHits"] = cache?.Hits ?? 0,
            ["statementCacheMisses"] = cache?.Misses ?? 0,
            ["statementCacheEvictions"] = cache?.Evictions ?? 0,
        };
        if (writer?.Counters is var (leases, hits, misses, written))
        {
            data["writeConnectionCommits"] = leases;
            data["writeConnectionCacheHits"] = hits;
            data["writeConnectionCacheMisses"] = misses;
            data["writeConnectionPagesWritten"] = written;
        }

        return Task.FromResult(HealthCheckResult.Healthy($"SQLite {SqliteNative.Version}", data));
    }
}
