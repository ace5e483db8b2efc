using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityOps.CaseApi.Endpoints;
using CityOps.CaseApi.Identity;
using CityOps.Cases.Persistence;
using CityOps.Workflows.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.CaseApi.Tests.Cases;

/// <summary>
/// The read side of the case loop: the inbox lists exactly the open tasks however much history the table holds, its
/// statement and the duplicate check seek by index instead of scanning history, and a completion answers with the
/// status its step committed (or, replayed, the status now).
/// </summary>
public sealed partial class ReadPathTests : IDisposable
{
    private readonly SqlCapture capture = new();
    private readonly CaseApp app;

    public ReadPathTests() => app = new CaseApp(s => s.AddSingleton<IInterceptor>(capture));

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Inbox_WithThousandsOfCompletedTasks_ListsExactlyTheOpenOnes_WithTheirCases()
    {
        var first = (await app.ReportAsync()).GetProperty("id").GetString()!;
        var second = (await app.ReportAsync(report: CaseApp.Report(lat: CaseApp.Lat + 0.0001))).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", second, "Register"); // second's accept task waits in dept:CITY-WATER
        await AddCompletedTasksAsync(["role:Acceptor", "dept:CITY-WATER"], 3000);

        var acceptor = await (await app.As("acceptor")).GetFromJsonAsync<JsonElement>("/api/tasks", CaseApp.Ct);
        var water = await (await app.As("water")).GetFromJsonAsync<JsonElement>("/api/tasks", CaseApp.Ct);
        var waterByLeader = await (await app.As("leader")).GetFromJsonAsync<JsonElement>("/api/tasks?group=dept:CITY-WATER", CaseApp.Ct);

        Assert.Equal(1, acceptor.GetProperty("totalCount").GetInt32());
        var register = acceptor.GetProperty("items")[0];
        Assert.Equal(first, register.GetProperty("caseId").GetString());
        Assert.Equal("Open", register.GetProperty("status").GetString());
        Assert.Equal("Green", register.GetProperty("light").GetString());
        Assert.Equal("Dispatch", register.GetProperty("stage").GetString());
        foreach (var inbox in new[] { water, waterByLeader })
        {
            Assert.Equal(1, inbox.GetProperty("totalCount").GetInt32());
            var accept = inbox.GetProperty("items")[0];
            Assert.Equal(second, accept.GetProperty("caseId").GetString());
            Assert.Equal("Accept", accept.GetProperty("stage").GetString());
            Assert.Equal(60.0, accept.GetProperty("remainingMinutes").GetDouble());
        }
    }

    [Fact]
    public async Task Inbox_FullPage_CountsAll_AndPagesInCreationOrder()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await app.ReportAsync(report: CaseApp.Report(lat: CaseApp.Lat + (0.0001 * i)))).GetProperty("id").GetString()!);
            app.Advance(TimeSpan.FromMinutes(1));
        }

        var acceptor = await app.As("acceptor");
        var page1 = await acceptor.GetFromJsonAsync<JsonElement>("/api/tasks?take=2", CaseApp.Ct);
        var page2 = await acceptor.GetFromJsonAsync<JsonElement>("/api/tasks?take=2&skip=2", CaseApp.Ct);
        var past = await acceptor.GetFromJsonAsync<JsonElement>("/api/tasks?take=2&skip=5", CaseApp.Ct);

        Assert.Equal(3, page1.GetProperty("totalCount").GetInt32());
        Assert.Equal(ids[..2], page1.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("caseId").GetString()));
        Assert.Equal(3, page2.GetProperty("totalCount").GetInt32());
        Assert.Equal(ids[2..], page2.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("caseId").GetString()));
        Assert.Equal(3, past.GetProperty("totalCount").GetInt32());
        Assert.Empty(past.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Inbox_CallerWithMoreGroupsThanTheCompiledQueryTakes_ListsTheSameTasks()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        await app.ReportAsync(report: CaseApp.Report(lat: CaseApp.Lat + 0.0001));
        string[] few = ["Acceptor"];
        string[] many = [.. few, .. Enumerable.Range(1, TaskQueries.GroupSlots).Select(i => $"Role{i}")];

        var compiled = await ListAsync(few, "CITY-WATER");
        var linq = await ListAsync(many, "CITY-WATER");

        Assert.Equal(2, compiled.TotalCount);
        Assert.Equal(compiled.TotalCount, linq.TotalCount);
        Assert.Equal(compiled.Items, linq.Items, (a, b) => a with { Outcomes = [] } == b with { Outcomes = [] } && a.Outcomes.SequenceEqual(b.Outcomes));
    }

    private async Task<Paged<TaskSummary>> ListAsync(string[] roles, string department)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, "someone"), new(CityOpsClaims.Department, department) };
        claims.AddRange(roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var user = new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
        Assert.Equal(roles.Length > 1, new Caller("someone", roles, department, null).Groups.Count > TaskQueries.GroupSlots);
        using var scope = app.Factory.Services.CreateScope();
        var result = await TaskEndpoints.ListAsync(null, null, null, null, user, scope.ServiceProvider.GetRequiredService<CityOpsDbContext>(),
            scope.ServiceProvider.GetRequiredService<CaseViews>(), CaseApp.Ct);
        return Assert.IsType<Ok<Paged<TaskSummary>>>(result).Value!;
    }

    [Fact]
    public async Task InboxStatements_SeekTasksAndCasesByIndex_NeverScanATable()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", id, "Register");
        foreach (var (user, query) in new[] { ("water", ""), ("leader", "?group=dept:CITY-WATER"), ("leader", "?person=water") })
        {
            capture.Clear();
            await (await app.As(user)).GetFromJsonAsync<JsonElement>($"/api/tasks{query}", CaseApp.Ct);
            var inbox = Assert.Single(capture.Commands, c => c.Sql.Contains("FROM \"WorkflowTasks\"", StringComparison.Ordinal));
            var plan = await PlanAsync(inbox);

            // Each table of the statement is searched by an index; only the page of tasks (a subquery) is scanned.
            foreach (var alias in TableAliases().Matches(inbox.Sql).Select(m => m.Groups[2].Value))
            {
                Assert.DoesNotContain(plan, line => line.StartsWith($"SCAN {alias}", StringComparison.Ordinal) && !line.StartsWith($"SCAN {alias}0", StringComparison.Ordinal));
            }

            Assert.Contains(plan, line => line.Contains("WorkflowTasks_AssigneeGroup_Status", StringComparison.Ordinal)
                || line.Contains("WorkflowTasks_AssigneePerson_Status", StringComparison.Ordinal));
            if (query.StartsWith("?person", StringComparison.Ordinal))
            {
                // The person indexes hold only tasks that name someone (partial): a query by name still finds them.
                Assert.Contains(plan, line => line.Contains("USING INDEX IX_WorkflowTasks_AssigneePerson_Status (AssigneePerson=?", StringComparison.Ordinal));
                Assert.Contains(plan, line => line.Contains("USING INDEX IX_WorkflowTasks_ClaimedBy_Status (ClaimedBy=?", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task DuplicateCheck_SeeksTheWindow_NotTheCodesWholeHistory()
    {
        capture.Clear();
        await app.ReportAsync();
        var check = Assert.Single(capture.Commands, c => c.Sql.Contains("\"c\".\"Latitude\", \"c\".\"Longitude\"", StringComparison.Ordinal));

        var plan = await PlanAsync(check);

        Assert.Contains(plan, line => line.StartsWith("SEARCH c USING INDEX", StringComparison.Ordinal) && line.Contains("CreatedAt>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completion_AnswersWithTheCommittedStatus_AndAReplayWithTheStatusNow()
    {
        var id = (await app.ReportAsync()).GetProperty("id").GetString()!;
        foreach (var (user, outcome, photo, status) in new[]
        {
            ("acceptor", "Register", false, "Dispatched"), ("water", "Accept", false, "Handling"), ("water", "Handled", true, "Handled"),
            ("inspector", "Pass", true, "Checked"), ("leader", "Close", false, "Closed"),
        })
        {
            var response = await app.CompleteAsync(user, id, outcome, photo: photo);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = await response.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct);
            Assert.Equal(status, result.GetProperty("caseStatus").GetString());
            Assert.False(result.GetProperty("replayed").GetBoolean());
            Assert.Equal(status, (await app.CaseAsync(id)).GetProperty("status").GetString());
        }

        // A second case: accepted with a key, then (after it moved on) the same request again replays with the status now.
        var other = (await app.ReportAsync(report: CaseApp.Report(lat: CaseApp.Lat + 0.0001))).GetProperty("id").GetString()!;
        await app.DoAsync("acceptor", other, "Register");
        var task = (await app.TaskAsync("water", other))!.Value.GetProperty("id").GetString();
        var water = await app.As("water");
        async Task<JsonElement> AcceptAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/tasks/{task}/complete") { Content = JsonContent.Create(new { outcome = "Accept" }) };
            request.Headers.Add("Idempotency-Key", "accept-once");
            var response = await water.SendAsync(request, CaseApp.Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>(CaseApp.Ct);
        }

        var accepted = await AcceptAsync();
        await app.DoAsync("water", other, "Handled", photo: true);
        var replayed = await AcceptAsync();

        Assert.Equal("Handling", accepted.GetProperty("caseStatus").GetString());
        Assert.True(replayed.GetProperty("replayed").GetBoolean());
        Assert.Equal("Handled", replayed.GetProperty("caseStatus").GetString());
    }

    private async Task AddCompletedTasksAsync(string[] groups, int count)
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>();
        var at = app.Clock.GetUtcNow().AddDays(-30);
        for (var i = 0; i < count; i++)
        {
            db.Add(new WorkflowTaskRecord
            {
                Id = Guid.NewGuid(), InstanceId = Guid.NewGuid(), BookmarkId = Guid.NewGuid(), ActivityId = "history", Title = "done",
                AssigneeGroup = groups[i % groups.Length], Outcomes = ["Done"], Status = WorkflowTaskStatus.Completed, Outcome = "Done",
                CompletedBy = "someone", CreatedAt = at.AddMinutes(i), CompletedAt = at.AddMinutes(i + 1),
            });
        }

        await db.SaveChangesAsync(CaseApp.Ct);
    }

    /// <summary>SQLite's plan of a captured statement with its parameters, one line per step (tree decoration removed).</summary>
    private async Task<List<string>> PlanAsync(SqlCapture.Command command)
    {
        using var scope = app.Factory.Services.CreateScope();
        var connection = scope.ServiceProvider.GetRequiredService<CityOpsDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(CaseApp.Ct);
        await using var explain = connection.CreateCommand();
#pragma warning disable CA2100 // the statement is EF's own, captured from this test's host
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.Sql;
#pragma warning restore CA2100
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value ?? DBNull.Value);
            explain.Parameters.Add(parameter);
        }

        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(CaseApp.Ct);
        while (await reader.ReadAsync(CaseApp.Ct))
        {
            plan.Add(reader.GetString(3).TrimStart('|', '-', '`', ' '));
        }

        return plan;
    }

    [GeneratedRegex("(?:FROM|JOIN) \"(\\w+)\" AS \"(\\w+)\"")]
    private static partial Regex TableAliases();

    /// <summary>The SQL text and parameters of the queries the host sends.</summary>
    private sealed class SqlCapture : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<Command> commands = new();

        public IReadOnlyList<Command> Commands => [.. commands];

        public void Clear() => commands.Clear();

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.StartsWith("SELECT", StringComparison.Ordinal))
            {
                commands.Enqueue(new Command(command.CommandText,
                    [.. command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value))]));
            }

            return ValueTask.FromResult(result);
        }

        public sealed record Command(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);
    }
}
