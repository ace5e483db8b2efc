using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace CityOps.CaseApi.Tests.Infrastructure;

/// <summary>
/// A second CityOps node in its own process (<c>dotnet CityOps.CaseApi.dll</c> from the test's output folder), so
/// it shares nothing in memory with the in-process node — like two machines behind a load balancer.
/// The node binds port 0 and its address is read from its own ready banner: probing for a free port first would
/// race with other test hosts, and a health check could then answer from somebody else's server.
/// </summary>
public sealed partial class ExternalNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dataFolder;

    private ExternalNode(Process process, Uri address, string dataFolder)
    {
        this.process = process;
        this.dataFolder = dataFolder;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ExternalNode> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var dataFolder = Path.Combine(Path.GetTempPath(), "cityops-tests", Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "CityOps.CaseApi.dll"))
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Urls"] = "http://127.0.0.1:0";
        info.Environment["Database__DataFolder"] = dataFolder;
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the second node");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            output.Enqueue(e.Data);
            var match = ReadyBanner().Match(e.Data);
            if (match.Success)
            {
                ready.TrySetResult(new Uri(match.Groups["url"].Value + "/"));
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("The second node exited before it was ready."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        Uri address;
        try
        {
            address = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw new InvalidOperationException("The second node did not start: " + e.Message + "\n" + string.Join('\n', output.TakeLast(40)), e);
        }

        var node = new ExternalNode(process, address, dataFolder);
        using var http = new HttpClient { BaseAddress = node.Address };
        if ((await http.GetAsync("/health", cancellationToken)).StatusCode != HttpStatusCode.OK)
        {
            await node.DisposeAsync();
            throw new InvalidOperationException("The second node started but is not healthy.");
        }

        return node;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        if (Directory.Exists(dataFolder))
        {
            Directory.Delete(dataFolder, recursive: true);
        }
    }

    [GeneratedRegex(@"CityOps is ready\. Open (?<url>http://\S+?)/ for the UI")]
    private static partial Regex ReadyBanner();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CityOps.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? AppContext.BaseDirectory;
    }
}
