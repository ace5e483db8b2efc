using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using CityOps.CaseApi.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Benchmarks;

/// <summary>
/// Full case loops through HTTP: the real CityOps host (<c>AddCityOpsHost</c>, the same setup as Program.cs) on Kestrel
/// at a loopback port, in this process, with SQLite in a fresh data folder. Each client signs in once per role, then
/// loops: report (inspector) → register (acceptor; auto-dispatch runs in that step) → accept and handle with a photo
/// (CITY-WATER) → check pass with a photo (inspector) → close (shift leader). Every task is found the way a person finds
/// it: list the inbox (<c>GET /api/tasks</c>), then complete it.
/// </summary>
internal static class CaseLoops
{
    // 雨水井盖异常 in grid 330196001001001 (明湖街道): routed by rule R-009 to CITY-WATER, no on-site verification.
    private static readonly object Report = new { source = "Inspector", kind = "matter", code = "01003", description = "井盖破损", latitude = 30.27045, longitude = 120.1505 };
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, .. new byte[60]];

    // Set by SIGTERM / Ctrl+C: no client starts another loop (each waits for the process to end).
    private static bool _interrupted;

    public static async Task RunAsync(BenchOptions options)
    {
        var clients = options.Int("clients", Environment.ProcessorCount * 4);
        var loops = options.Int("loops", 2000);
        var warmup = options.Int("warmup", 0); // 0: until the JIT is done (see WarmUpAsync)
        // --data-root: where the data folder (SQLite file, photos) goes; default the system temp folder.
        var dataFolder = BenchWorkflow.NewTempFolder(options.String("data-root"));
        var traceSql = options.Bool("sql-trace");
        Console.WriteLine($"folder {dataFolder} clients={clients} loops={loops} warmup={(warmup > 0 ? warmup.ToString(CultureInfo.InvariantCulture) : "until steady")}");
        // The host's console lifetime takes SIGTERM and Ctrl+C to stop the web host, and the clients would keep
        // looping against it: a benchmark that is told to stop exits, after removing its data folder.
        void Interrupted(PosixSignalContext signal)
        {
            signal.Cancel = true;
            // No client starts another loop; the loops under way (tens of milliseconds each) are given time to end,
            // since a report still running would file its photos in a folder created again.
            Volatile.Write(ref _interrupted, true);
            Thread.Sleep(2000);
            for (var attempt = 0; attempt < 10 && Directory.Exists(dataFolder); attempt++)
            {
                try
                {
                    Directory.Delete(dataFolder, recursive: true);
                }
                catch (IOException)
                {
                }

                Thread.Sleep(100);
            }

            Console.WriteLine(Directory.Exists(dataFolder) ? $"{signal.Signal}: stopped; remove {dataFolder} by hand" : $"{signal.Signal}: stopped, data folder removed");
            Environment.Exit(128 + (signal.Signal == PosixSignal.SIGINT ? 2 : 15));
        }

        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupted);
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupted);
        var started = Stopwatch.GetTimestamp();
        var startCpu = Process.GetCurrentProcess().TotalProcessorTime;
        await using var app = await StartHostAsync(dataFolder);
        var address = new Uri(app.Urls.First());
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients * 4, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        try
        {
            var users = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => LoopClient.SignInAsync(handler, address)));
            var hostStart = (Wall: Stopwatch.GetElapsedTime(started), Cpu: Process.GetCurrentProcess().TotalProcessorTime - startCpu);
            var warm = await WarmUpAsync(users, warmup);
            if (traceSql)
            {
                await TraceLoopsAsync(users[0], loops);
                if (options.Int("probe-seconds", 0) is > 0 and var seconds)
                {
                    await ProbeAsync(users[0], seconds);
                }

                return;
            }

            var samples = new Samples();
            using var sql = SqlCommandCounter.Start();
            using var gate = GateListener.Start();
            var commands = sql.Commands;
            var jit = (Time: JitInfo.GetCompilationTime(), Methods: JitInfo.GetCompiledMethodCount());
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var (allocated, gen0, gen1, gen2, paused) = (GC.GetTotalAllocatedBytes(), GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration());
            // Exceptions thrown (and caught) anywhere in the process: each costs tens of microseconds, none should be routine.
            var thrown = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e) =>
                thrown.AddOrUpdate(e.Exception.GetType().Name, 1, (_, n) => n + 1);
            AppDomain.CurrentDomain.FirstChanceException += Count;
            using var allocations = options.Int("alloc-types", 0) > 0 ? new AllocationSampler() : null;
            var writer = app.Services.GetService<CityOps.CaseApi.Persistence.SqliteWriteConnection>();
            var written = writer?.Counters;
            var clock = Stopwatch.StartNew();
            await RunLoopsAsync(users, loops, samples);
            clock.Stop();
            AppDomain.CurrentDomain.FirstChanceException -= Count;
            allocations?.Dispose();
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Print(loops, clients, clock.Elapsed, samples, sql.Commands - commands);

            // Clients and server share this process: CPU per loop is both, and does not depend on what else the machine runs.
            var cpuPerLoop = used.TotalMilliseconds / loops;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"CPU {cpuPerLoop:0.0} ms per loop (server + clients), {used / clock.Elapsed:0.00} cores busy on average"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"GC {(GC.GetTotalAllocatedBytes() - allocated) / 1024.0 / 1024 / loops:0.00} MB allocated per loop, {GC.CollectionCount(0) - gen0} gen0, {GC.CollectionCount(1) - gen1} gen1 and {GC.CollectionCount(2) - gen2} gen2 collections, {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds / clock.Elapsed.TotalSeconds:0.0} ms paused per s, {DescribeGc()}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024:0} MB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"JIT during the measured loops: {(JitInfo.GetCompilationTime() - jit.Time).TotalMilliseconds:0} ms, {JitInfo.GetCompiledMethodCount() - jit.Methods} methods ({(JitInfo.GetCompilationTime() - jit.Time) / used:0.0%} of the CPU)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exceptions thrown during the measured loops: {thrown.Values.Sum()}{(thrown.IsEmpty ? "" : " (" + string.Join(", ", thrown.OrderByDescending(t => t.Value).Select(t => $"{t.Key} {t.Value}")) + ")")}"));
            gate.Print(clock.Elapsed, loops);
            if (writer?.Counters is { } now && written is { } then && now.Leases > then.Leases)
            {
                var commits = now.Leases - then.Leases;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"write connection: {commits / (double)loops:0.0} commits per loop, {(now.PagesWritten - then.PagesWritten) / (double)commits:0.0} pages written to the log per commit, {(now.CacheMisses - then.CacheMisses) / (double)loops:0.00} pages read back per loop"));
            }
            allocations?.Print(options.Int("alloc-types", 0), loops);
            PrintSqlite();
            warm.Print(hostStart.Wall, hostStart.Cpu, cpuPerLoop);
            await RepeatAsync(users, loops, options.Int("repeat", 3), (loops / clock.Elapsed.TotalSeconds, cpuPerLoop));
        }
        finally
        {
            await app.StopAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    /// <summary>
    /// <c>--repeat N</c>: N − 1 more measured passes of the same length in the same warm process, one line each, then
    /// every pass and their median. The host's other tenants change the CPU a loop costs from one minute to the next;
    /// a pass is ~10 s, so a single figure can be a good or a bad ten seconds.
    /// </summary>
    private static async Task RepeatAsync(LoopClient[] users, int loops, int repeat, (double LoopsPerSecond, double CpuPerLoop) first)
    {
        if (repeat <= 1)
        {
            return;
        }

        var passes = new List<(double LoopsPerSecond, double CpuPerLoop)> { first };
        for (var pass = 2; pass <= repeat; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            await RunLoopsAsync(users, loops, new Samples());
            clock.Stop();
            passes.Add((loops / clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / loops));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"pass {pass}: {passes[^1].LoopsPerSecond:0.0} loops/s, {passes[^1].CpuPerLoop:0.0} ms CPU per loop"));
        }

        var sorted = passes.Select(p => p.LoopsPerSecond).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"PASSES {string.Join(" / ", passes.Select(p => p.LoopsPerSecond.ToString("0.0", CultureInfo.InvariantCulture)))} loops/s; median {sorted[sorted.Count / 2]:0.0} (of {repeat} passes of {loops} loops)"));
    }

    /// <summary>The collector as the runtime reports it, so a run says which GC it measured (the host's settings: server, DATAS off).</summary>
    private static string DescribeGc()
    {
        var settings = GC.GetConfigurationVariables();
        string Value(string name) => settings.TryGetValue(name, out var value) ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?" : "?";
        return string.Create(CultureInfo.InvariantCulture,
            $"server GC {System.Runtime.GCSettings.IsServerGC}, heaps {Value("HeapCount")}, concurrent {Value("ConcurrentGC")}, DATAS {(Value("GCDynamicAdaptationMode") == "1" ? "on" : "off")}");
    }

    private static void PrintSqlite() => Console.WriteLine(
        $"SQLite {CityOps.CaseApi.Persistence.SqliteNative.Version}: memory statistics {(CityOps.CaseApi.Persistence.SqliteNative.MemoryStatisticsOff ? "off" : "ON")}, statement cache {CityOps.CaseApi.Persistence.SqliteNative.StatementCache}");

    private static async Task<WebApplication> StartHostAsync(string dataFolder)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(HostSetup).Assembly.GetName().Name,
            ContentRootPath = Path.Combine(RepositoryRoot(), "src", "CaseApi"),
            EnvironmentName = "Production",
            Args = ["--Urls", "http://127.0.0.1:0", "--Database:DataFolder", dataFolder, "--Logging:LogLevel:Default", "Warning"],
        });
        builder.Services.AddSingleton<IInterceptor>(SqlCommandCounter.Instance);
        builder.Services.AddSingleton<IInterceptor>(new TransactionMarks());
        builder.AddCityOpsHost();
        var app = builder.Build();
        await app.UseCityOpsHostAsync();
        await app.StartAsync();
        return app;
    }

    /// <summary>
    /// One client alone, loop after loop (the timer sweep aside, nothing else runs): the SQL commands and the process
    /// CPU time of each kind of HTTP call, then the SQL text of the last loop grouped by call.
    /// </summary>
    private static async Task TraceLoopsAsync(LoopClient client, int loops)
    {
        var sql = SqlCommandCounter.Start();
        var process = Process.GetCurrentProcess();
        var cpu = new Dictionary<string, (TimeSpan Cpu, long Commands, int Calls)>(StringComparer.Ordinal);
        string? current = null;
        var (cpu0, commands0) = (TimeSpan.Zero, 0L);
        void Close()
        {
            if (current is null)
            {
                return;
            }

            process.Refresh();
            var (c, n, k) = cpu.GetValueOrDefault(current);
            cpu[current] = (c + process.TotalProcessorTime - cpu0, n + sql.Commands - commands0, k + 1);
        }

        client.BeforeCall = name =>
        {
            Close();
            current = name;
            process.Refresh();
            (cpu0, commands0) = (process.TotalProcessorTime, sql.Commands);
            sql.Label = name;
        };
        var samples = new Samples();
        for (var i = 0; i < loops; i++)
        {
            sql.Captured.Clear();
            sql.Capture = i == loops - 1;
            await client.LoopAsync(samples);
            Close();
            current = null;
        }

        Console.WriteLine($"one client, {loops} loops in a row: CPU and SQL commands per call");
        var total = TimeSpan.Zero;
        foreach (var (name, (c, n, k)) in cpu.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            total += c;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-42} {c.TotalMilliseconds / k,7:0.00} ms CPU {(double)n / k,6:0.0} SQL"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"whole loop",-42} {total.TotalMilliseconds / loops,7:0.00} ms CPU {(double)cpu.Values.Sum(v => v.Commands) / loops,6:0.0} SQL"));
        PrintSqlite();
        foreach (var (path, signedIn) in new[] { ("/health", false), ("/api/auth/me", true) })
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            for (var i = 0; i < 500; i++)
            {
                await client.ProbeAsync(path, signedIn);
            }

            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  for comparison: GET {path,-24} {(process.TotalProcessorTime - before).TotalMilliseconds / 500,7:0.00} ms CPU"));
        }
        foreach (var group in sql.Captured.GroupBy(c => c.Label, StringComparer.Ordinal))
        {
            Console.WriteLine($"== {group.Key}: {group.Count()} commands");
            // Each line: µs since the call's first command, then µs until the next event (the command itself plus
            // whatever ran before the next one), so the time inside a write transaction can be read off.
            var events = group.ToList();
            for (var i = 0; i < events.Count; i++)
            {
                var (_, text, at) = events[i];
                var next = i + 1 < events.Count ? events[i + 1].At : at;
                var oneLine = string.Join(' ', text.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"   {Stopwatch.GetElapsedTime(events[0].At, at).TotalMicroseconds,7:0} +{Stopwatch.GetElapsedTime(at, next).TotalMicroseconds,5:0} us  {oneLine[..Math.Min(int.Parse(Environment.GetEnvironmentVariable("SQL_CHARS") ?? "200", CultureInfo.InvariantCulture), oneLine.Length)]}"));
            }
        }
    }

    /// <summary>Calls each probed path alone for <paramref name="seconds"/>, to profile one kind of call (e.g. with <c>perf record -p</c>).</summary>
    private static async Task ProbeAsync(LoopClient client, int seconds)
    {
        foreach (var path in new[] { "/api/tasks?take=200", "/health", "/api/auth/me" })
        {
            Console.WriteLine($"probing GET {path} for {seconds} s (pid {Environment.ProcessId}, {TimeProvider.System.GetUtcNow():HH:mm:ss} UTC)");
            var until = Stopwatch.GetTimestamp() + (seconds * Stopwatch.Frequency);
            var (calls, process) = (0, Process.GetCurrentProcess());
            var before = process.TotalProcessorTime;
            while (Stopwatch.GetTimestamp() < until)
            {
                await client.ProbeAsync(path, signedIn: true);
                calls++;
            }

            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {calls} calls, {(process.TotalProcessorTime - before).TotalMilliseconds / calls:0.000} ms CPU each"));
        }
    }

    /// <summary>
    /// Warms up until tiered compilation is done, not for a fixed count: windows of <see cref="WarmupWindow"/> run one
    /// after the other until the JIT spent less than 1 % of the process CPU in each of two windows in a row (the
    /// runtime's own <see cref="JitInfo"/> counters: tier-1 compilations come in bursts, and one quiet window on a busy
    /// machine proved nothing), at least three windows and at most <see cref="MaxWarmup"/>. <c>--warmup N</c> runs exactly N loops instead.
    /// </summary>
    private static async Task<Warmup> WarmUpAsync(LoopClient[] users, int fixedLoops)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var (cpu0, jit0, methods0, clock) = (process.TotalProcessorTime, JitInfo.GetCompilationTime(), JitInfo.GetCompiledMethodCount(), Stopwatch.StartNew());
        var windows = new List<Window>();
        var steady = false;
        if (fixedLoops > 0)
        {
            await RunLoopsAsync(users, fixedLoops, new Samples());
        }
        else
        {
            while (!steady && clock.Elapsed < MaxWarmup)
            {
                process.Refresh();
                var (cpu, jit, t0) = (process.TotalProcessorTime, JitInfo.GetCompilationTime(), clock.Elapsed);
                var done = await RunLoopsAsync(users, int.MaxValue, new Samples(), Stopwatch.GetTimestamp() + (long)(WarmupWindow.TotalSeconds * Stopwatch.Frequency));
                process.Refresh();
                var window = new Window(done, clock.Elapsed - t0, process.TotalProcessorTime - cpu, JitInfo.GetCompilationTime() - jit);
                windows.Add(window);
                steady = windows.Count >= 3 && windows.TakeLast(2).All(w => w.Jit < w.Cpu * 0.01);
            }
        }

        process.Refresh();
        return new Warmup(fixedLoops > 0 ? fixedLoops : windows.Sum(w => w.Loops), clock.Elapsed, process.TotalProcessorTime - cpu0,
            JitInfo.GetCompilationTime() - jit0, JitInfo.GetCompiledMethodCount() - methods0, fixedLoops > 0 ? null : steady, windows);
    }

    private static readonly TimeSpan WarmupWindow = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxWarmup = TimeSpan.FromSeconds(120);

    private sealed record Window(int Loops, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Jit);

    /// <summary>The warm-up: <c>Steady</c> is null when its count was fixed by <c>--warmup</c>.</summary>
    private sealed record Warmup(int Loops, TimeSpan Elapsed, TimeSpan Cpu, TimeSpan Jit, long Methods, bool? Steady, List<Window> Windows)
    {
        /// <summary>What a freshly started node pays before it runs at the measured speed.</summary>
        public void Print(TimeSpan startWall, TimeSpan startCpu, double steadyCpuPerLoop)
        {
            var how = Steady switch
            {
                true => $"until steady (JIT under 1 % of the CPU in two {WarmupWindow.TotalSeconds:0} s windows in a row)",
                false => $"NOT steady after {MaxWarmup.TotalSeconds:0} s (JIT still above 1 % of the CPU): the figures above still include JIT",
                null => "(fixed by --warmup)",
            };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"WARMUP {Loops} loops in {Elapsed.TotalSeconds:0.0} s {how}: {Cpu.TotalMilliseconds / Loops:0.0} ms CPU per loop, JIT {Jit.TotalSeconds:0.0} s ({Methods} methods compiled)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  cost of a cold start: host start-up {startWall.TotalSeconds:0.0} s ({startCpu.TotalSeconds:0.0} s CPU), then {(Cpu.TotalMilliseconds - (Loops * steadyCpuPerLoop)) / 1000:0.0} s CPU more than the same loops at the measured CPU per loop"));
            if (Windows.Count > 0)
            {
                Console.WriteLine("  windows (loops/s, ms CPU per loop, JIT share): " + string.Join(", ", Windows.Select(w => string.Create(CultureInfo.InvariantCulture,
                    $"{w.Loops / w.Elapsed.TotalSeconds:0} {w.Cpu.TotalMilliseconds / Math.Max(1, w.Loops):0.0} {w.Jit / w.Cpu:0%}"))));
            }
        }
    }

    /// <summary>Runs <paramref name="loops"/> loops over all clients, or until <paramref name="until"/> (a Stopwatch timestamp); answers how many ran.</summary>
    private static async Task<int> RunLoopsAsync(LoopClient[] users, int loops, Samples samples, long until = long.MaxValue)
    {
        var next = -1;
        var done = 0;
        await Task.WhenAll(users.Select(async client =>
        {
            while (Stopwatch.GetTimestamp() < until && Interlocked.Increment(ref next) < loops)
            {
                if (Volatile.Read(ref _interrupted))
                {
                    // Parked until the signal handler has removed the data folder and ends the process.
                    await Task.Delay(Timeout.Infinite);
                }

                var t0 = Stopwatch.GetTimestamp();
                await client.LoopAsync(samples);
                samples.Add("whole loop", Stopwatch.GetTimestamp() - t0);
                Interlocked.Increment(ref done);
            }
        }));
        return done;
    }

    private static void Print(int loops, int clients, TimeSpan elapsed, Samples samples, long commands)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT {loops / elapsed.TotalSeconds:0.0} loops/s ({loops} loops, {clients} clients, {elapsed.TotalMilliseconds:0} ms, {samples.Calls / elapsed.TotalSeconds:0} HTTP calls/s, {(double)commands / loops:0.0} SQL commands per loop, {samples.Conflicts} reports answered 409 and sent again)"));
        foreach (var (name, latencies) in samples.ByName())
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-28} {latencies.Summary()}"));
        }
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityOps.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run from inside the repository (CityOps.sln not found above the build output).");
    }

    /// <summary>Latency samples per HTTP call type, from every client.</summary>
    internal sealed class Samples
    {
        private readonly ConcurrentDictionary<string, ConcurrentQueue<long>> _ticks = new(StringComparer.Ordinal);
        private long _calls;
        private long _conflicts;

        public long Calls => Interlocked.Read(ref _calls);

        /// <summary>Reports answered 409 and sent again.</summary>
        public long Conflicts => Interlocked.Read(ref _conflicts);

        public void Conflict() => Interlocked.Increment(ref _conflicts);

        public void Add(string name, long ticks)
        {
            if (name != "whole loop")
            {
                Interlocked.Increment(ref _calls);
            }

            _ticks.GetOrAdd(name, _ => new ConcurrentQueue<long>()).Enqueue(ticks);
        }

        public IEnumerable<(string Name, Latencies Latencies)> ByName() => _ticks.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var latencies = new Latencies(kv.Value.Count);
            foreach (var t in kv.Value)
            {
                latencies.Add(t);
            }

            return (kv.Key, latencies);
        });
    }

    /// <summary>One client: a bearer token per role (signed in once), one loop at a time.</summary>
    private sealed class LoopClient(Dictionary<string, HttpClient> users)
    {
        public Action<string>? BeforeCall { get; set; }

        public async Task ProbeAsync(string path, bool signedIn)
        {
            using var response = signedIn ? await users["inspector"].GetAsync(path) : await users["inspector"].SendAsync(new HttpRequestMessage(HttpMethod.Get, path));
            response.EnsureSuccessStatusCode();
            _ = await response.Content.ReadAsStringAsync();
        }

        public static async Task<LoopClient> SignInAsync(HttpMessageHandler handler, Uri address)
        {
            var users = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
            foreach (var user in new[] { "inspector", "acceptor", "water", "leader" })
            {
                var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = address };
                var response = await client.PostAsJsonAsync("/api/auth/token", new { userName = user, password = "cityops-demo" });
                response.EnsureSuccessStatusCode();
                var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
                users[user] = client;
            }

            return new LoopClient(users);
        }

        public async Task LoopAsync(Samples samples)
        {
            var t0 = Stopwatch.GetTimestamp();
            var key = Guid.NewGuid().ToString("N");
            HttpResponseMessage created;
            BeforeCall?.Invoke("POST /api/cases (report)");
            while (true)
            {
                // A 409 (a step that lost every concurrency retry) is safe to send again with the same key; counted in the result.
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(Report) };
                request.Headers.Add("Idempotency-Key", key);
                created = await users["inspector"].SendAsync(request);
                if (created.StatusCode != System.Net.HttpStatusCode.Conflict)
                {
                    break;
                }

                created.Dispose();
                samples.Conflict();
            }

            var caseId = await Ok(created, json => json.GetProperty("case").GetProperty("id").GetString()!);
            samples.Add("POST /api/cases (report)", Stopwatch.GetTimestamp() - t0);
            await CompleteAsync(samples, "acceptor", caseId, "Register", photo: false);
            await CompleteAsync(samples, "water", caseId, "Accept", photo: false);
            await CompleteAsync(samples, "water", caseId, "Handled", photo: true);
            await CompleteAsync(samples, "inspector", caseId, "Pass", photo: true);
            await CompleteAsync(samples, "leader", caseId, "Close", photo: false);
        }

        private async Task CompleteAsync(Samples samples, string user, string caseId, string outcome, bool photo)
        {
            var client = users[user];
            BeforeCall?.Invoke($"GET /api/tasks ({user}, before {outcome})");
            var t0 = Stopwatch.GetTimestamp();
            var id = await Ok(await client.GetAsync("/api/tasks?take=200"), inbox => inbox.GetProperty("items").EnumerateArray()
                .Where(t => t.GetProperty("caseId").ValueEquals(caseId)).Select(t => t.GetProperty("id").GetString()).FirstOrDefault())
                ?? throw new InvalidOperationException($"{user} has no task for case {caseId} (before {outcome}).");
            samples.Add("GET /api/tasks", Stopwatch.GetTimestamp() - t0);
            BeforeCall?.Invoke($"POST complete ({outcome})");
            t0 = Stopwatch.GetTimestamp();
            using var content = photo ? Multipart(outcome) : (HttpContent)JsonContent.Create(new { outcome });
            await Ok(await client.PostAsync($"/api/tasks/{id}/complete", content), json => json.ValueKind);
            samples.Add($"POST complete ({outcome})", Stopwatch.GetTimestamp() - t0);
        }

        private static MultipartFormDataContent Multipart(string outcome)
        {
            var image = new ByteArrayContent(Jpeg);
            image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return new MultipartFormDataContent { { new StringContent(outcome), "outcome" }, { image, "photos", "after.jpg" } };
        }

        /// <summary>
        /// The response parsed as a client would, from its UTF-8 stream (no string in between), and what the client
        /// needs of it: a client that kept whole documents or transcoded every body to UTF-16 would charge the loop
        /// CPU the server does not spend.
        /// </summary>
        private static async Task<T> Ok<T>(HttpResponseMessage response, Func<JsonElement, T> pick)
        {
            using (response)
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new InvalidOperationException(
                        $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }

                await using var body = await response.Content.ReadAsStreamAsync();
                using var json = await JsonDocument.ParseAsync(body);
                return pick(json.RootElement);
            }
        }
    }

    /// <summary>The write gate's wait and hold times (its <c>CityOps.Sqlite</c> meter), while the measured loops run.</summary>
    private sealed class GateListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<double> _wait = new();
        private readonly ConcurrentQueue<double> _held = new();

        public static GateListener Start()
        {
            var gate = new GateListener();
            gate._listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == CityOps.CaseApi.Persistence.SqliteWriteGate.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            gate._listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
                (instrument.Name.EndsWith(".wait", StringComparison.Ordinal) ? gate._wait : gate._held).Enqueue(value));
            gate._listener.Start();
            return gate;
        }

        public void Print(TimeSpan elapsed, int loops)
        {
            _listener.Dispose();
            if (_held.IsEmpty)
            {
                return;
            }

            static string Stats(IReadOnlyCollection<double> ms)
            {
                var sorted = ms.Order().ToArray();
                return string.Create(CultureInfo.InvariantCulture, $"p50 {sorted[sorted.Length / 2]:0.000} ms, p99 {sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * 0.99))]:0.000} ms, mean {sorted.Average():0.000} ms");
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"write gate: {(double)_held.Count / loops:0.0} write transactions per loop, held {_held.Sum() / elapsed.TotalMilliseconds:0%} of the time; held {Stats(_held)}; waited {Stats(_wait)}"));

        }

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>Puts BEGIN (asked, and done: the write gate waits in between) and COMMIT into the captured SQL timeline.</summary>
    private sealed class TransactionMarks : DbTransactionInterceptor
    {
        public override ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            SqlCommandCounter.Instance.Mark("-- BEGIN asked");
            return ValueTask.FromResult(result);
        }

        public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            SqlCommandCounter.Instance.Mark("-- BEGIN done");
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
        {
            SqlCommandCounter.Instance.Mark("-- COMMIT");
            return ValueTask.FromResult(result);
        }

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            SqlCommandCounter.Instance.Mark("-- COMMIT done");
            return Task.CompletedTask;
        }
    }

    /// <summary>Counts the SQL commands the host's contexts send (an EF interceptor registered in the host's services).</summary>
    private sealed class SqlCommandCounter : DbCommandInterceptor, IDisposable
    {
        public static readonly SqlCommandCounter Instance = new();

        private long _commands;
        private volatile bool _capture;

        public bool Capture
        {
            get => _capture;
            set => _capture = value;
        }

        public long Commands => Interlocked.Read(ref _commands);

        /// <summary>The HTTP call in flight, when one client runs alone.</summary>
        public string Label { get; set; } = "(before the first call)";

        public ConcurrentQueue<(string Label, string Sql, long At)> Captured { get; } = new();

        /// <summary>Marks a transaction event in the captured timeline.</summary>
        public void Mark(string what)
        {
            if (_capture)
            {
                Captured.Enqueue((Label, what, Stopwatch.GetTimestamp()));
            }
        }

        public static SqlCommandCounter Start(bool capture = false)
        {
            Instance._capture = capture;
            return Instance;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Seen(command);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Seen(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Seen(command);
            return result;
        }

        public void Dispose() => _capture = false;

        private void Seen(DbCommand command)
        {
            Interlocked.Increment(ref _commands);
            if (_capture)
            {
                Captured.Enqueue((Label, command.CommandText, Stopwatch.GetTimestamp()));
            }
        }
    }
}
