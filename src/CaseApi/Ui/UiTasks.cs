using CityOps.CaseApi.Endpoints;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence;
using CityOps.Designer.Services;
using CityOps.Workflows.Tasks;

namespace CityOps.CaseApi.Ui;

/// <summary>The inbox and task form over <c>TaskEndpoints</c> and <c>TaskCompletion</c>.</summary>
internal sealed class UiTasks(UiHandlers handlers) : IOpsTasks
{
    public long MaxPhotoBytes => CasePhotoStore.MaxBytes;

    public Task<OpsResult<OpsPage<OpsTaskSummary>>> ListAsync(int skip, int take, CancellationToken cancellationToken) =>
        handlers.RunAsync<OpsPage<OpsTaskSummary>>((sp, user) =>
            TaskEndpoints.ListAsync(skip, take, null, null, user, sp.GetRequiredService<CityOpsDbContext>(), sp.GetRequiredService<CaseViews>(), cancellationToken));

    public Task<OpsResult<OpsTaskDetail>> GetAsync(Guid taskId, CancellationToken cancellationToken) =>
        handlers.RunAsync<OpsTaskDetail>((sp, user) =>
            TaskEndpoints.GetAsync(taskId, user, sp.GetRequiredService<CityOpsDbContext>(), sp.GetRequiredService<CaseViews>(), cancellationToken));

    public Task<OpsResult<OpsTaskSummary>> ClaimAsync(Guid taskId, CancellationToken cancellationToken) =>
        handlers.RunAsync<OpsTaskSummary>((sp, user) => TaskEndpoints.ClaimAsync(taskId, user, sp.GetRequiredService<CityOpsDbContext>(),
            sp.GetRequiredService<ITaskService>(), sp.GetRequiredService<CaseViews>(), cancellationToken));

    public Task<OpsResult<OpsCompletionResult>> CompleteAsync(Guid taskId, OpsCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        return handlers.RunAsync<OpsCompletionResult>(async (sp, user) =>
        {
            var db = sp.GetRequiredService<CityOpsDbContext>();
            var (task, denied) = await TaskEndpoints.WorkableTaskAsync(taskId, user, db, cancellationToken);
            if (task is null)
            {
                return denied;
            }

            var files = completion.Photos.Select(AsFormFile).ToList();
            return await TaskCompletion.CompleteReadAsync(task, new TaskEndpoints.CompleteRequest(completion.Outcome, completion.Comment, completion.Form),
                files, idempotencyKey: null, user, db, sp.GetRequiredService<ITaskService>(), sp.GetRequiredService<ICityCatalog>(),
                sp.GetRequiredService<CasePhotoStore>(), cancellationToken);
        });
    }

    // The photo store takes form files; the browser's bytes become one, name and declared type included (neither is trusted).
    private static FormFile AsFormFile(OpsPhotoUpload photo) =>
        new(new MemoryStream(photo.Content, writable: false), 0, photo.Content.Length, "photos", photo.FileName)
        {
            Headers = new HeaderDictionary(),
            ContentType = photo.ContentType,
        };
}
