using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Process-wide settings of the SQLite library, made once before the first connection opens: the
/// <see cref="CachingSqliteProvider">statement cache</see>, and no memory statistics. With statistics on (SQLite's
/// default) every allocation inside SQLite takes one global mutex; in the loops benchmark that mutex was contended on
/// every second allocation, 9.6 % of all CPU in futex calls. Nothing in CityOps reads those statistics.
/// </summary>
internal static class SqliteNative
{
    private const int SqliteConfigMemstatus = 9;
    private const int SqliteOk = 0;

    private static readonly Lock Gate = new();
    private static CachingSqliteProvider? _provider;

    /// <summary>False when SQLite had already started in this process before <see cref="Configure"/> (its statistics then stay on).</summary>
    public static bool MemoryStatisticsOff { get; private set; }

    public static string Version => raw.sqlite3_libversion().utf8_to_string();

    public static StatementCacheCounters? StatementCache => _provider?.Counters;

    /// <summary>Installs the caching provider (first call) and sets the cache size (every call; 0 turns it off).</summary>
    public static void Configure(int statementCacheSize)
    {
        lock (Gate)
        {
            if (_provider is null)
            {
                // Microsoft.Data.Sqlite sets its provider in its static constructor: run that first, then replace and
                // freeze, so nobody swaps the provider under open connections later.
                RuntimeHelpers.RunClassConstructor(typeof(SqliteConnection).TypeHandle);
                _provider = new CachingSqliteProvider(new SQLite3Provider_e_sqlite3());
                raw.SetProvider(_provider);
                raw.FreezeProvider(true);

                // Refused (SQLITE_MISUSE) once SQLite is initialised, i.e. after the first connection in this process.
                MemoryStatisticsOff = raw.sqlite3_config(SqliteConfigMemstatus, 0) == SqliteOk;
            }

            _provider.Capacity = statementCacheSize;
        }
    }
}
