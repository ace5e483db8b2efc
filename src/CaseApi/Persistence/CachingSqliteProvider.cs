using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Text;
using SQLitePCL;

namespace CityOps.CaseApi.Persistence;

/// <summary>
/// Keeps SQLite's compiled statements per native connection and hands them out again for the same SQL text, instead
/// of compiling every command anew. Microsoft.Data.Sqlite prepares the SQL of every new command and finalizes it when
/// the command is disposed (dotnet/efcore#14044, open); EF Core makes a new command per execution, so the same few
/// dozen statements of the case loop were parsed and planned on every call: 19 % of all CPU in the loops benchmark.
/// </summary>
/// <remarks>
/// <para>How: this provider sits under SQLitePCL (<see cref="raw.SetProvider"/>). <c>sqlite3_prepare_v2</c> first
/// looks in the connection's cache for an idle statement compiled from exactly the same bytes; <c>sqlite3_finalize</c>
/// of a statement it handed out resets it, clears its bindings and puts it back instead of destroying it. The native
/// connection outlives each <c>SqliteConnection</c> in Microsoft.Data.Sqlite's pool, and so does its cache. Closing
/// the native connection finalizes its idle statements first.</para>
/// <para>Why it is safe: an idle statement is reset, so it holds no read snapshot and no lock, and has no bindings;
/// a statement is handed to one caller at a time (a second caller with the same SQL on the same connection gets a
/// new one); a schema change makes SQLite recompile a cached statement on its next step, as for any statement made
/// with <c>prepare_v2</c>. At most <see cref="Capacity"/> idle statements are kept per connection, least recently
/// used first out (long-lived statements take from SQLite's per-connection lookaside memory).</para>
/// <para>Parameter names: Microsoft.Data.Sqlite binds every parameter by name, and SQLite finds a name by comparing it
/// with each of the statement's names in turn (n² string compares per execution of a statement with n parameters, 1.5 %
/// of all CPU in the loops benchmark). For a statement it owns, the cache reads the names once and answers
/// <c>sqlite3_bind_parameter_index</c> from a table; see <see cref="ParameterNames"/>.</para>
/// </remarks>
internal sealed class CachingSqliteProvider(ISQLite3Provider inner) : ForwardingSqliteProvider(inner)
{
    private const int SqliteOk = 0;

    private readonly ConcurrentDictionary<IntPtr, ConnectionStatements> _connections = new();
    private readonly ConcurrentDictionary<IntPtr, Lease> _leased = new();
    private long _hits;
    private long _misses;
    private long _evictions;
    private long _parameterMaps;
    private long _nativeParameterLookups;
    private volatile int _capacity = 128;

    /// <summary>Idle statements kept per native connection; 0 turns the cache off (statements already idle are dropped as they are met).</summary>
    public int Capacity
    {
        get => _capacity;
        set => _capacity = Math.Max(0, value);
    }

    public StatementCacheCounters Counters => new(Interlocked.Read(ref _hits), Interlocked.Read(ref _misses), Interlocked.Read(ref _evictions), Capacity,
        Interlocked.Read(ref _parameterMaps), Interlocked.Read(ref _nativeParameterLookups));

    public override int sqlite3_prepare_v2(sqlite3 db, ReadOnlySpan<byte> sql, out IntPtr stmt, out ReadOnlySpan<byte> remain)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Capacity == 0 || sql.IsEmpty)
        {
            return Inner.sqlite3_prepare_v2(db, sql, out stmt, out remain);
        }

        var connection = _connections.GetOrAdd(db.DangerousGetHandle(), static _ => new ConnectionStatements());
        if (connection.TryTake(sql, out var cached))
        {
            stmt = cached.Statement.Handle;
            remain = sql[cached.Consumed..];
            _leased[stmt] = new Lease(connection, cached.Sql, cached.Consumed, cached.Statement);
            Interlocked.Increment(ref _hits);
            return SqliteOk;
        }

        var rc = Inner.sqlite3_prepare_v2(db, sql, out stmt, out remain);
        if (rc == SqliteOk && stmt != IntPtr.Zero)
        {
            _leased[stmt] = new Lease(connection, sql.ToArray(), sql.Length - remain.Length, new CachedStatement(stmt));
            Interlocked.Increment(ref _misses);
        }

        return rc;
    }

    public override int sqlite3_finalize(IntPtr stmt)
    {
        if (!_leased.TryRemove(stmt, out var lease))
        {
            return Inner.sqlite3_finalize(stmt);
        }

        // Reset first: it ends the statement's read of the database even when it is finalized after all.
        _ = Native.sqlite3_reset(stmt);
        _ = Native.sqlite3_clear_bindings(stmt);
        var evicted = lease.Connection.Return(lease.Sql, lease.Consumed, lease.Statement, Capacity);
        foreach (var old in evicted)
        {
            Interlocked.Increment(ref _evictions);
            _ = Inner.sqlite3_finalize(old.Handle);
        }

        return SqliteOk;
    }

    /// <summary>
    /// For a statement the cache handed out, the answer of its <see cref="ParameterNames"/> (read from SQLite on the
    /// first call, then kept with the compiled statement); for any other statement, SQLite's own lookup.
    /// </summary>
    public override int sqlite3_bind_parameter_index(sqlite3_stmt stmt, utf8z strName)
    {
        ArgumentNullException.ThrowIfNull(stmt);
        if (!_leased.TryGetValue(stmt.DangerousGetHandle(), out var lease))
        {
            Interlocked.Increment(ref _nativeParameterLookups);
            return Inner.sqlite3_bind_parameter_index(stmt, strName);
        }

        var names = lease.Statement.Parameters ?? ReadParameterNames(lease.Statement, stmt);
        unsafe
        {
            fixed (byte* name = strName)
            {
                // SQLite reads the name up to its terminator (a null name finds nothing).
                return name is null ? 0 : names.IndexOf(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(name));
            }
        }
    }

    private ParameterNames ReadParameterNames(CachedStatement cached, sqlite3_stmt stmt)
    {
        var names = ParameterNames.Read(Inner, stmt);
        Interlocked.Increment(ref _parameterMaps);
        // Only the caller holding the lease uses the statement; the next holder takes it through the connection's lock,
        // which publishes this write. Were two to race anyway, both tables would be built from the same statement.
        cached.Parameters = names;
        return names;
    }

    public override int sqlite3_close_v2(IntPtr db)
    {
        ReleaseIdle(db);
        return Inner.sqlite3_close_v2(db);
    }

    public override int sqlite3_close(IntPtr db)
    {
        ReleaseIdle(db);
        return Inner.sqlite3_close(db);
    }

    // EF Core registers its SQL functions and its decimal collation on every SqliteConnection it creates;
    // Microsoft.Data.Sqlite adds them to the native connection at every Open and removes them at every Close. Adding
    // or removing a function or collation makes SQLite expire every compiled statement of that connection, so no
    // cached statement would survive from one request to the next. EF's implementations are fixed code, so once one
    // of these names is on a native connection it stays there: a repeat with the same arity and flags, and a removal,
    // are skipped. Any other name goes through untouched.
    private static readonly FrozenSet<string> EfCoreFunctions = FrozenSet.Create(StringComparer.Ordinal,
        "regexp", "ef_add", "ef_avg", "ef_compare", "ef_divide", "ef_max", "ef_min", "ef_mod", "ef_multiply", "ef_negate", "ef_sum", "EF_DECIMAL");

    public override int sqlite3_create_function(sqlite3 db, byte[] name, int nArg, int flags, object v, delegate_function_scalar func) =>
        KeepRegistration(db, name, nArg, flags, func is null) ? SqliteOk : Inner.sqlite3_create_function(db, name, nArg, flags, v, func);

    public override int sqlite3_create_function(sqlite3 db, byte[] name, int nArg, int flags, object v, delegate_function_aggregate_step func_step, delegate_function_aggregate_final func_final) =>
        KeepRegistration(db, name, nArg, flags, func_step is null) ? SqliteOk : Inner.sqlite3_create_function(db, name, nArg, flags, v, func_step, func_final);

    public override int sqlite3_create_collation(sqlite3 db, byte[] name, object v, delegate_collation func) =>
        KeepRegistration(db, name, -1, 0, func is null) ? SqliteOk : Inner.sqlite3_create_collation(db, name, v, func);

    /// <summary>
    /// True when the call is an EF Core function (or collation) added again, or removed, on a native connection that
    /// has it: SQLite is then not called. Otherwise the caller passes the call on, and a first addition is recorded.
    /// </summary>
    private bool KeepRegistration(sqlite3 db, byte[] name, int nArg, int flags, bool removal)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(name);
        var text = Encoding.UTF8.GetString(name.AsSpan().TrimEnd((byte)0));
        if (!EfCoreFunctions.Contains(text))
        {
            return false;
        }

        var connection = _connections.GetOrAdd(db.DangerousGetHandle(), static _ => new ConnectionStatements());
        var function = (text, nArg, flags);
        if (Capacity == 0)
        {
            // Cache off: every call goes through, and the record follows what SQLite has.
            connection.Registered(function, !removal);
            return false;
        }

        return removal ? connection.Has(function) : !connection.Registered(function, true);
    }

    /// <summary>Finalizes the idle statements kept for native connection <paramref name="db"/> and forgets it.</summary>
    internal void ReleaseIdle(IntPtr db)
    {
        if (_connections.TryRemove(db, out var connection))
        {
            foreach (var stmt in connection.Close())
            {
                _ = Inner.sqlite3_finalize(stmt.Handle);
            }
        }
    }

    private sealed record Lease(ConnectionStatements Connection, byte[] Sql, int Consumed, CachedStatement Statement);

    /// <summary>
    /// A compiled statement the cache owns, from its first preparation to its finalization; its parameter names live
    /// and die with it (a later statement at the same address is a new object).
    /// </summary>
    private sealed class CachedStatement(IntPtr handle)
    {
        private ParameterNames? _parameters;

        public IntPtr Handle { get; } = handle;

        public ParameterNames? Parameters
        {
            get => Volatile.Read(ref _parameters);
            set => Volatile.Write(ref _parameters, value);
        }
    }

    /// <summary>
    /// The parameter names of one compiled statement and their indexes, as <c>sqlite3_bind_parameter_index</c> answers
    /// them: SQLite keeps one name per index (<c>:a</c>, <c>@a</c>, <c>$a</c> and <c>?NNN</c> as written, anonymous
    /// <c>?</c> unnamed), and finds a name by exact byte comparison, 0 when absent. They are fixed by the SQL text, so they
    /// hold for the statement's whole life, including SQLite's recompilation of it after a schema change (same text).
    /// </summary>
    private sealed class ParameterNames
    {
        private readonly Dictionary<byte[], int>.AlternateLookup<ReadOnlySpan<byte>> _lookup;

        private ParameterNames(Dictionary<byte[], int> indexes) => _lookup = indexes.GetAlternateLookup<ReadOnlySpan<byte>>();

        public int IndexOf(ReadOnlySpan<byte> name) => _lookup.TryGetValue(name, out var index) ? index : 0;

        public static ParameterNames Read(ISQLite3Provider sqlite, sqlite3_stmt stmt)
        {
            var count = sqlite.sqlite3_bind_parameter_count(stmt);
            var indexes = new Dictionary<byte[], int>(count, SqlBytesComparer.Instance);
            for (var index = 1; index <= count; index++)
            {
                var name = sqlite.sqlite3_bind_parameter_name(stmt, index);
                unsafe
                {
                    fixed (byte* text = name)
                    {
                        if (text is not null)
                        {
                            // One name per index; should one repeat, SQLite's scan would find the first.
                            _ = indexes.TryAdd(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).ToArray(), index);
                        }
                    }
                }
            }

            return new ParameterNames(indexes);
        }
    }

    /// <summary>The idle statements of one native connection, by SQL bytes, least recently used last.</summary>
    private sealed class ConnectionStatements
    {
        private readonly Lock _lock = new();
        private readonly Dictionary<byte[], Slot> _slots = new(SqlBytesComparer.Instance);
        private readonly LinkedList<Slot> _recent = new();
        private readonly HashSet<(string Name, int Arity, int Flags)> _registered = [];
        private int _idle;
        private bool _closed;

        /// <summary>Records that <paramref name="function"/> is (or is no longer) on the connection; true when that changed the record.</summary>
        public bool Registered((string Name, int Arity, int Flags) function, bool present)
        {
            lock (_lock)
            {
                return present ? _registered.Add(function) : _registered.Remove(function);
            }
        }

        public bool Has((string Name, int Arity, int Flags) function)
        {
            lock (_lock)
            {
                return _registered.Contains(function);
            }
        }

        public bool TryTake(ReadOnlySpan<byte> sql, out (CachedStatement Statement, byte[] Sql, int Consumed) cached)
        {
            lock (_lock)
            {
                if (!_closed && _slots.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(sql, out var slot) && slot.Idle.TryPop(out var stmt))
                {
                    _idle--;
                    cached = (stmt, slot.Sql, slot.Consumed);
                    return true;
                }
            }

            cached = default;
            return false;
        }

        /// <summary>Keeps <paramref name="stmt"/> for reuse; answers the statements that no longer fit (or all, once closed).</summary>
        public List<CachedStatement> Return(byte[] sql, int consumed, CachedStatement stmt, int capacity)
        {
            var evicted = new List<CachedStatement>(0);
            lock (_lock)
            {
                if (_closed || capacity == 0)
                {
                    evicted.Add(stmt);
                    return evicted;
                }

                if (!_slots.TryGetValue(sql, out var slot))
                {
                    slot = new Slot(sql, consumed);
                    slot.Node = _recent.AddFirst(slot);
                    _slots.Add(sql, slot);
                }
                else if (slot.Node != _recent.First)
                {
                    _recent.Remove(slot.Node!);
                    _recent.AddFirst(slot.Node!);
                }

                slot.Idle.Push(stmt);
                _idle++;
                while (_idle > capacity && _recent.Last is { } last)
                {
                    var victim = last.Value;
                    if (victim.Idle.TryPop(out var old))
                    {
                        evicted.Add(old);
                        _idle--;
                    }

                    if (victim.Idle.Count == 0)
                    {
                        _recent.RemoveLast();
                        _slots.Remove(victim.Sql);
                    }
                }
            }

            return evicted;
        }

        /// <summary>No more reuse on this connection; answers its idle statements for finalizing.</summary>
        public List<CachedStatement> Close()
        {
            lock (_lock)
            {
                _closed = true;
                var all = _slots.Values.SelectMany(s => s.Idle).ToList();
                _slots.Clear();
                _recent.Clear();
                _idle = 0;
                return all;
            }
        }

        private sealed class Slot(byte[] sql, int consumed)
        {
            public byte[] Sql { get; } = sql;

            /// <summary>How many bytes of <see cref="Sql"/> the statement took (the rest is the next statement's).</summary>
            public int Consumed { get; } = consumed;

            public Stack<CachedStatement> Idle { get; } = new(1);

            public LinkedListNode<Slot>? Node { get; set; }
        }
    }

    private sealed class SqlBytesComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly SqlBytesComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> bytes)
        {
            var hash = new HashCode();
            hash.AddBytes(bytes);
            return hash.ToHashCode();
        }
    }

    /// <summary>The two calls the provider interface offers only on a statement handle object, for a bare pointer.</summary>
    private static class Native
    {
        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_reset(IntPtr stmt);

        [DllImport("e_sqlite3", CallingConvention = CallingConvention.Cdecl)]
        public static extern int sqlite3_clear_bindings(IntPtr stmt);
    }
}

/// <summary>
/// What the statement cache did since the process started. <c>ParameterMaps</c>: statements whose parameter names
/// were read from SQLite (once per compiled statement); <c>NativeParameterLookups</c>: names looked up by SQLite itself,
/// for statements the cache does not own.
/// </summary>
internal sealed record StatementCacheCounters(long Hits, long Misses, long Evictions, int Capacity, long ParameterMaps, long NativeParameterLookups);
