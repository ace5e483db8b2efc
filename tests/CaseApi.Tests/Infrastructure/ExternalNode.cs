using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityOps.CaseApi.Tests.Infrastructure;

/// <summary>
/// A second CityOps node in its own process (<c>dotnet CityOps.CaseApi.dll</c> from the test's output folder), so
/// it shares nothing in memory with the in-process node — like two machines behind a load balancer.
/// </summary>
public sealed class ExternalNode : IAsyncDisposable
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
        var port = FreePort();
        var dataFolder = Path.Combine(Path.GetTempPath(), "cityops-tests", Guid.NewGuid().ToString("N"));
        var info = new ProcessStartInfo("dotnet", Path.Combine(AppContext.BaseDirectory, "CityOps.CaseApi.dll"))
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Database__DataFolder"] = dataFolder;
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the second node");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new ExternalNode(process, new Uri($"http://127.0.0.1:{port}/"), dataFolder);
        using var http = new HttpClient { BaseAddress = node.Address };
        for (var i = 0; i < 300 && !process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync("/health", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100, cancellationToken);
        }

        await node.DisposeAsync();
        throw new InvalidOperationException("The second node did not become healthy within 30 s.");
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

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
