using System.Text.Json;
using Bunit;
using CityOps.Designer.Components.Operations;
using CityOps.Designer.Services;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Designer.Tests.Operations;

public sealed class TaskFormTests : OpsTestContext
{
    // The 处置 task of case-lifecycle.json.
    private const string HandleForm = """
        {"fields":[{"name":"workingHours","type":"number","requiredFor":["RequestExtension"]}],
         "requirePhotos":["Handled"],"requireComment":["RequestExtension","RequestSuspension"]}
        """;

    private readonly FakeTasks tasks = new();

    public TaskFormTests() => Services.AddSingleton<IOpsTasks>(tasks);

    private static OpsTaskDetail Task(string? form, params string[] outcomes) => new(
        new OpsTaskSummary(Guid.NewGuid(), "处置并反馈", "Open", "dept:CITY-WATER", null, Guid.NewGuid(), "20261201000001", "雨水井盖异常",
            "Handle", null, "Green", 100, DateTimeOffset.UnixEpoch, outcomes),
        form is null ? null : JsonDocument.Parse(form).RootElement.Clone(), null, null, null);

    [Fact]
    public void Handled_WithoutAPhoto_MarksPhotosRequiredAndDoesNotSubmit()
    {
        var cut = Render<TaskForm>(p => p.Add(f => f.Task, Task(HandleForm, "Handled", "RequestExtension", "RequestSuspension")));

        cut.Find("#outcome-Handled").Change("Handled");
        Assert.NotNull(cut.Find("#required-photos"));
        Assert.Empty(cut.FindAll("#required-comment"));
        Assert.Empty(cut.FindAll("#field-workingHours"));

        cut.Find("#task-submit").Click();

        Assert.Equal("此结果需要至少一张照片。", cut.Find(".ops-field-errors[data-field='photos'] li").TextContent);
        Assert.Empty(tasks.Completions);
    }

    [Fact]
    public void RequestExtension_ShowsItsRequiredFieldAndComment_AndSubmitsThemAsTheForm()
    {
        var cut = Render<TaskForm>(p => p.Add(f => f.Task, Task(HandleForm, "Handled", "RequestExtension")));

        cut.Find("#outcome-RequestExtension").Change("RequestExtension");
        Assert.NotNull(cut.Find("#required-workingHours"));
        Assert.NotNull(cut.Find("#required-comment"));
        Assert.Empty(cut.FindAll("#required-photos"));
        cut.Find("#task-submit").Click();
        Assert.NotEmpty(cut.FindAll(".ops-field-errors[data-field='form.workingHours']"));
        Assert.NotEmpty(cut.FindAll(".ops-field-errors[data-field='comment']"));
        Assert.Empty(tasks.Completions);

        cut.Find("#field-workingHours").Change("8");
        cut.Find("#task-comment").Change("管道需要开挖");
        cut.Find("#task-submit").Click();

        var sent = Assert.Single(tasks.Completions);
        Assert.Equal("RequestExtension", sent.Outcome);
        Assert.Equal("管道需要开挖", sent.Comment);
        Assert.Equal(8m, sent.Form!.Value.GetProperty("workingHours").GetDecimal());
    }

    [Fact]
    public void Submit_WhenTheHostAnswersConflict_ShowsItsProblem()
    {
        tasks.Answer = OpsResult.Failure<OpsCompletionResult>(OpsProblem.Of(409, "The task changed meanwhile.", "Task was already completed by water2."));
        var cut = Render<TaskForm>(p => p.Add(f => f.Task, Task("""{"requireComment":["Return"]}""", "Accept", "Return")));

        cut.Find("#outcome-Accept").Change("Accept");
        cut.Find("#task-submit").Click();

        Assert.Single(tasks.Completions);
        Assert.Contains("The task changed meanwhile.", cut.Find("#task-problem").TextContent, StringComparison.Ordinal);
        Assert.Contains("already completed by water2", cut.Find("#task-problem").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Submit_WithoutAnOutcome_AsksForOne()
    {
        var cut = Render<TaskForm>(p => p.Add(f => f.Task, Task(null, "Close")));

        cut.Find("#task-submit").Click();

        Assert.Equal("请选择办理结果。", cut.Find(".ops-field-errors[data-field='outcome'] li").TextContent);
        Assert.Empty(tasks.Completions);
    }

    private sealed class FakeTasks : IOpsTasks
    {
        public List<OpsCompletion> Completions { get; } = [];

        public OpsResult<OpsCompletionResult>? Answer { get; set; }

        public long MaxPhotoBytes => 10 * 1024 * 1024;

        public Task<OpsResult<OpsCompletionResult>> CompleteAsync(Guid taskId, OpsCompletion completion, CancellationToken cancellationToken)
        {
            Completions.Add(completion);
            return System.Threading.Tasks.Task.FromResult(Answer ?? OpsResult.Success(new OpsCompletionResult(taskId, completion.Outcome!, false, "Handling")));
        }

        public Task<OpsResult<OpsPage<OpsTaskSummary>>> ListAsync(int skip, int take, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OpsResult<OpsTaskDetail>> GetAsync(Guid taskId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<OpsResult<OpsTaskSummary>> ClaimAsync(Guid taskId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
