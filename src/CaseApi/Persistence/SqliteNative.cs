using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Process-wide settings of the SQLite library, made once before the first connection opens: the
/// <see cref="CachingSqliteProvider">statement cache</see>, no memory statistics, and multi-thread mode (no mutex per
/// connection). With statistics on (SQLite's
/// default) every allocation inside SQLite takes one global mutex; in the loops benchmark that mutex was contended on
/// every second allocation, 9.6 % of all CPU in futex calls. Nothing in CityOps reads those statistics.
/// </summary>
internal static class SqliteNative
{
    private const int SqliteConfigMultithread = 2;
    private const int SqliteConfigMemstatus = 9;
    private const int SqliteOk = 0;

    private static readonly Lock Gate = new();
    private static CachingSqliteProvider? _provider;

    /// <summary>False when SQLite had already started in this process before <see cref="Configure"/> (its statistics then stay on).</summary>
    public static bool MemoryStatisticsOff { get; private set; }

    /// <summary>False when SQLite had already started before <see cref="Configure"/> (connections then keep their mutex).</summary>
    public static bool MultiThreadMode { get; private set; }

    /// <summary>
    /// Whether the connections opened so far have a mutex of their own (<c>sqlite3_db_mutex</c>): null before the first,
    /// false in multi-thread mode — what the connection actually got, whatever the open flags asked for.
    /// </summary>
    public static bool? ConnectionMutex { get; private set; }

    /// <summary>Records what a newly opened native connection got (called once per connection).</summary>
    public static void Note(sqlite3 connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var hasMutex = sqlite3_db_mutex(connection.DangerousGetHandle()) != IntPtr.Zero;
        ConnectionMutex = hasMutex || ConnectionMutex == true;
    }

    [System.Runtime.InteropServices.DllImport("e_sqlite3", CallingConvention = System.Runtime.InteropServices.CallingConvention.Cdecl)]
    private static extern IntPtr sqlite3_db_mutex(IntPtr db);

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

                // Multi-thread mode: no mutex around every API call of a connection. ADO.NET never uses a connection (or
                // its statements) on two threads at once, and the pool hands a native connection to one SqliteConnection
                // at a time, which is exactly what the mode requires; the mutex was taken and released on every column read.
                MultiThreadMode = raw.sqlite3_config(SqliteConfigMultithread) == SqliteOk;
            }

            _provider.Capacity = statementCacheSize;
        }
    }
}
