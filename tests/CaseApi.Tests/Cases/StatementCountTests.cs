using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using CityOps.Cases.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// The SQL statements (and commands) each call of the case loop sends (as the throughput benchmark makes them) (SQLite prepares every one anew, and most run inside the single
/// write transaction): a statement that comes back, or a read that is repeated, fails here with the SQL listed.
/// </summary>
public sealed class StatementCountTests : IDisposable
{
    private readonly StatementLog log = new();
    private readonly CaseApp app;

    public StatementCountTests() => app = new CaseApp(s => s.AddSingleton<IInterceptor>(log));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task CaseLoop_EachCall_SendsOnlyTheStatementsItNeeds()
    {
        await LoopAsync(); // the first loop fills the process's caches (definition graph, compiled queries)

        var counts = await LoopAsync();

        Assert.Equal(
            [("report", 14), ("Register", 10), ("Accept", 11), ("Handled", 12), ("Pass", 9), ("Close", 9)],
            counts.Select(c => (c.Call, c.Sql.Sum(Statements))));

        // A step writes with two commands: SaveChanges' rows as one batch, then the INSERTs of several tables as one
        // (EF Core and the provider work per command, and on SQLite all of it under the write lock).
        Assert.Equal(
            [("report", 8), ("Register", 3), ("Accept", 3), ("Handled", 3), ("Pass", 3), ("Close", 3)],
            counts.Select(c => (c.Call, c.Sql.Count)));
    }

    // Statements in one command's text (parameters carry every value, so a ';' only ever ends a statement).
    private static int Statements(string sql) => sql.Split(';').Count(part => !string.IsNullOrWhiteSpace(part));

    [Fact]
    public async Task OneStep_SendsItsInsertsOfSeveralTables_AsOneCommand()
    {
        await LoopAsync();
        var counts = await LoopAsync();

        var register = counts.Single(c => c.Call == "Register").Sql;
        var inserts = Assert.Single(register, s => s.Contains("INSERT INTO \"WorkflowJournal\"", StringComparison.Ordinal));
        Assert.Contains("INSERT INTO \"WorkflowTasks\"", inserts, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO \"CaseTimeline\"", inserts, StringComparison.Ordinal);
        Assert.True(Statements(inserts) >= 3, inserts);
    }

    [Fact]
    public async Task Completion_ReadsItsTaskOnce()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        foreach (var (user, outcome, photo) in new[] { ("acceptor", "Register", false), ("water", "Accept", false), ("water", "Handled", true) })
        {
            var sql = await CompleteAsync(user, id, outcome, photo);

            var reads = sql.Where(s => s.StartsWith("SELECT", StringComparison.Ordinal) && s.Contains("FROM \"WorkflowTasks\" AS \"w\"", StringComparison.Ordinal)
                && s.Contains("WHERE \"w\".\"Id\" = @", StringComparison.Ordinal));
            Assert.True(reads.Count() == 1, $"{outcome}:\n{string.Join('\n', sql)}");
        }
    }

    [Fact]
    public async Task DuplicateCheck_ReadsOnlyOpenCases_ThroughThePartialIndex()
    {
        await app.ReportAsync();
        log.Clear();
        await app.ReportAsync();
        var sent = log.Take();
        var check = Assert.Single(sent, s => s.StartsWith("SELECT \"c\".\"Id\", \"c\".\"Number\", \"c\".\"Latitude\"", StringComparison.Ordinal));

        // The plan of the very statement the report sent: SQLite uses a partial index only when the query states its filter.
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(CaseApp.Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + check;
        foreach (var name in new[] { "@kind", "@code", "@since" })
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = "x";
            command.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(CaseApp.Ct))
        {
            while (await reader.ReadAsync(CaseApp.Ct))
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, p => p.Contains("USING INDEX IX_Cases_Open_Kind_Code_CreatedAt (Kind=? AND Code=? AND CreatedAt>?)", StringComparison.Ordinal));
    }

    private async Task<List<(string Call, List<string> Sql)>> LoopAsync()
    {
        var counts = new List<(string, List<string>)>();
        var reporter = await app.As("inspector");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = JsonContent.Create(CaseApp.Report()) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        log.Clear();
        var response = await reporter.SendAsync(request, CaseApp.Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        counts.Add(("report", log.Take()));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct)).GetProperty("case").GetProperty("id").GetString()!;
        foreach (var (user, outcome, photo) in new[]
        {
            ("acceptor", "Register", false), ("water", "Accept", false), ("water", "Handled", true), ("inspector", "Pass", true), ("leader", "Close", false),
        })
        {
            counts.Add((outcome, await CompleteAsync(user, id, outcome, photo)));
        }

        return counts;
    }

    /// <summary>The statements of the completion call alone (the inbox read and the sign-in before it are not counted).</summary>
    private async Task<List<string>> CompleteAsync(string user, string caseId, string outcome, bool photo)
    {
        var task = (await app.TaskAsync(user, caseId))!.Value.GetProperty("id").GetString();
        var client = await app.As(user);
        using var content = photo ? new MultipartFormDataContent { { new StringContent(outcome), "outcome" } } : (HttpContent)JsonContent.Create(new { outcome });
        if (content is MultipartFormDataContent form)
        {
            var image = new ByteArrayContent(CaseApp.Jpeg());
            image.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(image, "photos", "after.jpg");
        }

        log.Clear();
        var response = await client.PostAsync($"/api/tasks/{task}/complete", content, CaseApp.Ct);
        var sql = log.Take();
        Assert.True(response.IsSuccessStatusCode, $"{user} {outcome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CaseApp.Ct)}");
        return sql;
    }

    /// <summary>Every command the host's contexts send: queries, SaveChanges batches, raw statements.</summary>
    private sealed class StatementLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> commands = new();

        public void Clear() => commands.Clear();

        public List<string> Take()
        {
            var taken = new List<string>();
            while (commands.TryDequeue(out var sql))
            {
                taken.Add(sql);
            }

            return taken;
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result) =>
            Log(command, result);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Log(command, result));

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result) =>
            Log(command, result);

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Log(command, result));

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result) =>
            Log(command, result);

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Log(command, result));

        private T Log<T>(DbCommand command, T result)
        {
            commands.Enqueue(command.CommandText);
            return result;
        }
    }
}
