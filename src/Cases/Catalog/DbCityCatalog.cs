using CityOps.Cases.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CityOps.Cases.Catalog;

/// <summary>
/// The reference data from the database, cached as one immutable <see cref="CitySnapshot"/>. Reading
/// <see cref="Current"/> costs nothing most of the time: at most once per <see cref="PollInterval"/> it reads the
/// one-row revision counter and rebuilds only when the counter moved, so nodes sharing a database converge within
/// about a second. Edits on this node refresh immediately (<see cref="RefreshAsync"/>). While one thread rebuilds,
/// the others keep using the previous snapshot.
/// </summary>
public sealed partial class DbCityCatalog(
    IServiceScopeFactory scopes, NationalDirectory national, TimeProvider time, ILogger<DbCityCatalog> logger) : ICityCatalog, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile RevisedSnapshot? _loaded;
    private long _nextCheck;

    public static TimeSpan PollInterval { get; } = TimeSpan.FromSeconds(1);

    public CitySnapshot Current => Revised.Snapshot;

    /// <summary>The current snapshot together with the catalog revision it was read at.</summary>
    public RevisedSnapshot Revised
    {
        get
        {
            var loaded = _loaded;
            if (loaded is not null && time.GetTimestamp() < Interlocked.Read(ref _nextCheck))
            {
                return loaded;
            }

            // Current is synchronous (domain code reads it everywhere); the check is one primary-key read.
            return CheckAsync(loaded is null, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public NationalDirectory National => national;

    /// <summary>Reads the revision now and rebuilds if it moved; returns the up-to-date snapshot.</summary>
    public Task<RevisedSnapshot> RefreshAsync(CancellationToken cancellationToken) => CheckAsync(wait: true, cancellationToken);

    private async Task<RevisedSnapshot> CheckAsync(bool wait, CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(wait ? Timeout.InfiniteTimeSpan : TimeSpan.Zero, cancellationToken))
        {
            return _loaded!; // another thread is checking; the previous snapshot is still consistent
        }

        try
        {
            Interlocked.Exchange(ref _nextCheck, time.GetTimestamp() + (long)(PollInterval.TotalSeconds * time.TimestampFrequency));
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();
            var loaded = _loaded;
            if (loaded is not null && await CatalogSnapshotLoader.RevisionAsync(db, cancellationToken) == loaded.Revision)
            {
                return loaded;
            }

            var fresh = await CatalogSnapshotLoader.LoadAsync(db, national, cancellationToken);
            _loaded = fresh;
            LogRebuilt(logger, fresh.Revision);
            return fresh;
        }
        catch (Exception ex) when (_loaded is not null && ex is not OperationCanceledException)
        {
            // A database hiccup must not take the reference data away; keep serving the last good snapshot.
            LogRefreshFailed(logger, ex, _loaded.Revision);
            return _loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog snapshot rebuilt at revision {Revision}")]
    private static partial void LogRebuilt(ILogger logger, long revision);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh failed; still serving revision {Revision}")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception, long revision);
}
