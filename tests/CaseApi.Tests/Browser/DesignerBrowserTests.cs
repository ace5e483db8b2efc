using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CityOps.Workflows.Definitions;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CityOps.CaseApi.Tests.Browser;

[Collection(BrowserTestGroup.Name)]
public sealed class DesignerBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private IDefinitionService Definitions => browser.Host.Services.GetRequiredService<IDefinitionService>();

    [Fact]
    public async Task Designer_AddConnectSaveAndPublish_PublishesTheNextVersion()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await Definitions.ImportAsync(DesignerDefinitions.StartEnd("designer-e2e"), publish: true, TestContext.Current.CancellationToken);
        await page.SignInAsync("admin");
        await page.OpenAsync("/workflows");
        await Assertions.Expect(page.Locator("tr[data-definition='designer-e2e']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("designer-list");

        await page.OpenAsync("/workflows/designer-e2e");
        await Assertions.Expect(page.Locator(".flow-node")).ToHaveCountAsync(2);

        // Add a Notify from the palette and fill its required inputs in the property panel.
        await page.FillAsync("#palette-search", "通知");
        await page.ClickAsync(".flow-palette-item[data-type='CityOps.Notify']");
        await Assertions.Expect(page.Locator("#property-panel[data-activity-id='notify1']")).ToBeVisibleAsync();
        await page.FillAsync("#prop-channel", "inbox");
        await page.PressAsync("#prop-channel", "Tab");
        await page.FillAsync("#prop-body", "案件已派遣");
        await page.PressAsync("#prop-body", "Tab");

        // Rewire start → notify1 → end by dragging ports on the canvas.
        await page.ClickAsync("[data-node-id='start'] .flow-node-title");
        await page.ClickAsync("#property-panel .flow-chip-x");
        await DragAsync(page, "[data-node-id='start'] .flow-port-out", "[data-node-id='notify1'] .flow-port-in");
        await DragAsync(page, "[data-node-id='notify1'] .flow-port-out", "[data-node-id='end'] .flow-port-in");
        await page.ClickAsync("[data-node-id='notify1'] .flow-node-title");
        await page.ScreenshotAsync("designer-editor");
        await Assertions.Expect(page.Locator("#property-panel .flow-chip")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("end"));

        await page.ClickAsync("#btn-save");
        await Assertions.Expect(page.Locator("#editor-message")).ToContainTextAsync("v2");
        await page.ClickAsync("#btn-publish");
        await Assertions.Expect(page.Locator("#editor-message")).ToContainTextAsync("已发布 v2");

        var published = await Definitions.GetAsync("designer-e2e", null, TestContext.Current.CancellationToken);
        Assert.Equal(2, published!.Version);
        Assert.True(published.IsPublished);
        Assert.Contains(published.Root.Activities, a => a.Id == "notify1" && a.Type == "CityOps.Notify");
        Assert.Equal(
            ["notify1.Done→end", "start.Done→notify1"],
            published.Root.Connections.Select(c => $"{c.Source.Activity}.{c.Source.Port}→{c.Target.Activity}").Order(StringComparer.Ordinal));

        await page.ClickAsync("#btn-history");
        await Assertions.Expect(page.Locator("#version-diff li[data-activity='notify1']")).ToBeVisibleAsync();
        await page.ScreenshotAsync("designer-history-diff");
    }

    [Fact]
    public async Task Designer_ValidateUndoRedo_MarksTheFaultyNodeAndRestoresEdits()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        var broken = DesignerDefinitions.StartEnd("designer-validate");
        broken = broken with
        {
            Root = broken.Root with
            {
                Activities = [.. broken.Root.Activities, new ActivityDefinition("notify", "CityOps.Notify", 1, null, null)],
                Connections = [.. broken.Root.Connections, new ConnectionDefinition(new ConnectionEndpoint("start", "Done"), new ConnectionEndpoint("notify", "In"))],
            },
        };
        await Definitions.SaveDraftAsync(broken, TestContext.Current.CancellationToken);
        await page.SignInAsync("admin");
        await page.OpenAsync("/workflows/designer-validate");
        await Assertions.Expect(page.Locator(".flow-node")).ToHaveCountAsync(3);

        await page.ClickAsync("#btn-validate");

        await Assertions.Expect(page.Locator(".flow-node-error[data-node-id='notify']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#validation-errors")).ToContainTextAsync("root.activities[notify]");
        await page.ScreenshotAsync("designer-validation");

        await page.ClickAsync(".flow-palette-item[data-type='CityOps.Timer']");
        await Assertions.Expect(page.Locator(".flow-node")).ToHaveCountAsync(4);
        await page.ClickAsync("#btn-undo");
        await Assertions.Expect(page.Locator(".flow-node")).ToHaveCountAsync(3);
        await page.ClickAsync("#btn-redo");
        await Assertions.Expect(page.Locator(".flow-node[data-node-id='timer1']")).ToBeVisibleAsync();

        await page.DragAndDropAsync(".flow-palette-item[data-type='CityOps.Decision']", ".flow-canvas-host", new() { TargetPosition = new() { X = 120, Y = 500 } });
        await Assertions.Expect(page.Locator(".flow-node[data-node-id='decision1']")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Designer_HundredActivities_RendersEveryNodeAndAClickSelects()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(1600, 1000);
        await Definitions.SaveDraftAsync(DesignerDefinitions.Chain("designer-perf-100", 98), TestContext.Current.CancellationToken);
        await page.SignInAsync("admin");

        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/workflows/designer-perf-100");
        await page.WaitForFunctionAsync("() => document.querySelectorAll('.flow-node').length === 100", null, new() { Timeout = 30_000 });
        var rendered = clock.Elapsed;
        await page.ClickAsync("[data-node-id='n50'] .flow-node-title");
        await page.Locator("#property-panel[data-activity-id='n50']").WaitForAsync();
        var interactive = clock.Elapsed;

        Assert.Equal(100, await page.Locator(".flow-node").CountAsync());
        var line = string.Create(CultureInfo.InvariantCulture,
            $"100 activities: all nodes rendered {rendered.TotalMilliseconds:F0} ms, click selected {interactive.TotalMilliseconds:F0} ms after navigation");
        output.WriteLine(line);
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "cityops-designer-benchmark.txt"), line + Environment.NewLine, TestContext.Current.CancellationToken);
        await page.ScreenshotAsync("designer-100");
    }

    [Fact]
    public async Task InstanceView_WaitingInstance_ShowsExecutedPathWaitAndJournal()
    {
        var page = await browser.NewPageAsync();
        await Definitions.ImportAsync(DesignerDefinitions.WaitForEvent("designer-instance"), publish: true, TestContext.Current.CancellationToken);
        var runtime = browser.Host.Services.GetRequiredService<IWorkflowRuntime>();
        var instance = await runtime.StartAsync(new StartWorkflowRequest("designer-instance", CorrelationId: "c-1"), TestContext.Current.CancellationToken);
        await page.SignInAsync("admin");

        await page.OpenAsync($"/workflows/instances/{instance.Id}");

        await Assertions.Expect(page.Locator(".flow-node-executed[data-node-id='start']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".flow-node-waiting[data-node-id='wait']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#instance-waits")).ToContainTextAsync("wait");
        await Assertions.Expect(page.Locator("#journal-table tbody tr").First).ToContainTextAsync("start");
        await page.ScreenshotAsync("designer-instance");
    }

    [Fact]
    public async Task InstanceView_FaultedInstance_RetryRecordsTheAttempt()
    {
        var page = await browser.NewPageAsync();
        await Definitions.ImportAsync(DesignerDefinitions.FaultingDecision("designer-fault"), publish: true, TestContext.Current.CancellationToken);
        var runtime = browser.Host.Services.GetRequiredService<IWorkflowRuntime>();
        var instance = await runtime.StartAsync(new StartWorkflowRequest("designer-fault"), TestContext.Current.CancellationToken);
        await page.SignInAsync("admin");
        await page.OpenAsync($"/workflows/instances/{instance.Id}");
        await Assertions.Expect(page.Locator(".flow-node-faulted[data-node-id='check']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#incidents-table tbody tr")).ToHaveCountAsync(1);

        await page.ClickAsync("#btn-retry");

        // The script still fails: the first incident is resolved by the retry and a new one is open.
        await Assertions.Expect(page.Locator("#incidents-table tbody tr")).ToHaveCountAsync(2);
        var after = await runtime.GetInstanceAsync(instance.Id, TestContext.Current.CancellationToken);
        Assert.Equal(2, after!.Incidents.Count);
        Assert.Single(after.Incidents, i => i.ResolvedAt is null);
        await page.ScreenshotAsync("designer-instance-incident");
    }

    private static async Task DragAsync(IPage page, string from, string to)
    {
        var a = await page.Locator(from).First.BoundingBoxAsync();
        var b = await page.Locator(to).First.BoundingBoxAsync();
        await page.Mouse.MoveAsync(a!.X + a.Width / 2, a.Y + a.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(b!.X + b.Width / 2, b.Y + b.Height / 2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}

/// <summary>Definitions the designer's browser tests start from.</summary>
internal static class DesignerDefinitions
{
    public static WorkflowDefinition StartEnd(string id) => Build(id,
        [Activity("start", "CityOps.Start", 80, 40), Activity("end", "CityOps.End", 80, 260)],
        [("start", "Done", "end")]);

    public static WorkflowDefinition WaitForEvent(string id) => Build(id,
        [Activity("start", "CityOps.Start", 80, 40), Activity("wait", "CityOps.Event", 80, 200, ("event", "inspection.done")), Activity("end", "CityOps.End", 80, 360)],
        [("start", "Done", "wait"), ("wait", "Done", "end")]);

    public static WorkflowDefinition FaultingDecision(string id)
    {
        var check = new ActivityDefinition("check", "CityOps.Decision", 1, null,
            new Dictionary<string, InputDefinition> { ["condition"] = new(new ExpressionDefinition(ExpressionDefinition.JavaScript, JsonSerializer.SerializeToElement("nosuch.thing() > 0"))) },
            new ActivityMetadata(new DesignerMetadata(new DesignerPosition(80, 200))));
        return Build(id,
            [Activity("start", "CityOps.Start", 80, 40), check, Activity("yes", "CityOps.End", 0, 360), Activity("no", "CityOps.End", 200, 360)],
            [("start", "Done", "check"), ("check", "True", "yes"), ("check", "False", "no")]);
    }

    /// <summary>Start, <paramref name="steps"/> Notify activities in a chain, End; no positions (the designer lays it out).</summary>
    public static WorkflowDefinition Chain(string id, int steps)
    {
        var activities = new List<ActivityDefinition> { new("start", "CityOps.Start", 1, null, null) };
        var connections = new List<(string, string, string)>();
        var previous = "start";
        for (var i = 1; i <= steps; i++)
        {
            activities.Add(new ActivityDefinition($"n{i}", "CityOps.Notify", 1, $"通知 {i}", Inputs(("channel", "inbox"), ("body", $"step {i}"))));
            connections.Add((previous, "Done", $"n{i}"));
            previous = $"n{i}";
        }

        activities.Add(new ActivityDefinition("end", "CityOps.End", 1, null, null));
        connections.Add((previous, "Done", "end"));
        return Build(id, activities, connections);
    }

    private static ActivityDefinition Activity(string id, string type, double x, double y, params (string, string)[] inputs) =>
        new(id, type, 1, null, inputs.Length == 0 ? null : Inputs(inputs), new ActivityMetadata(new DesignerMetadata(new DesignerPosition(x, y))));

    private static Dictionary<string, InputDefinition> Inputs(params (string Name, string Value)[] inputs) =>
        inputs.ToDictionary(i => i.Name, i => new InputDefinition(new ExpressionDefinition(ExpressionDefinition.Literal, JsonSerializer.SerializeToElement(i.Value))));

    private static WorkflowDefinition Build(string id, IReadOnlyList<ActivityDefinition> activities, IEnumerable<(string From, string Port, string To)> connections) =>
        new(id, 1, id, null, true, false, [], new FlowchartDefinition(FlowchartDefinition.FlowchartType, activities,
            [.. connections.Select(c => new ConnectionDefinition(new ConnectionEndpoint(c.From, c.Port), new ConnectionEndpoint(c.To, "In")))]));
}
