using Npgsql;

namespace CityOps.Testing;

/// <summary>
/// The real PostgreSQL server that <c>.ci/run</c> starts. Tests ask it for a fresh, uniquely named database.
/// Under CI (<c>CI=true</c>) a missing server is a failure; on a developer machine the test is skipped and says why.
/// </summary>
internal static class PostgresTestServer
{
    public const string EnvironmentVariable = "CITYOPS_TEST_POSTGRES";

    /// <summary>Connection string to the server's maintenance database, or the reason there is none.</summary>
    public static string RequireServer()
    {
        var cs = Environment.GetEnvironmentVariable(EnvironmentVariable);
        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        string? problem = null;
        if (string.IsNullOrWhiteSpace(cs))
        {
            problem = $"{EnvironmentVariable} is not set (e.g. Host=127.0.0.1;Port=55432;Username=postgres); .ci/run starts a server and sets it";
        }
        else
        {
            try
            {
                using var conn = new NpgsqlConnection(cs);
                conn.Open();
            }
            catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                problem = $"PostgreSQL at '{cs}' is not reachable: {ex.Message}";
            }
        }

        if (problem is null)
        {
            return cs!;
        }

        if (inCi)
        {
            Assert.Fail("CI=true and no PostgreSQL server: " + problem);
        }

        Assert.Skip(problem);
        return string.Empty;
    }

    /// <summary>Creates an empty database with a unique name and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        var server = RequireServer();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)].ToLowerInvariant();
        await using (var conn = new NpgsqlConnection(server))
        {
            await conn.OpenAsync(cancellationToken);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true }.ConnectionString;
    }
}
