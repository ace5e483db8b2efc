using System.Globalization;
using CityOps.Cases.Calendar;
using CityOps.Cases.Cases.Sla;
using CityOps.Cases.Catalog;
using CityOps.Cases.Persistence;
using CityOps.Cases.Sla;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace CityOps.Cases.Cases;

/// <summary>
/// What city activities share: the case of the instance (correlation id = case id) from the step's DbContext, timeline
/// entries and stage clocks. Everything changed here commits with the engine's rows in the step's one SaveChanges.
/// </summary>
internal static class CaseSteps
{
    public const string SystemActor = "system";
    public const string SystemRole = "System";

    public static CityOpsDbContext Db(this ActivityExecutionContext context) => context.GetRequiredService<CityOpsDbContext>();

    /// <summary>
    /// The case the context already tracks, if any. Looked up without <c>DetectChanges</c>, which <c>DbSet.Local</c>
    /// otherwise runs over every tracked row on each call (several activities of a step ask): a tracked case is
    /// found by its key whatever its changes, and the step's SaveChanges detects them all once.
    /// </summary>
    internal static CityCase? TrackedCase(this CityOpsDbContext db, Guid id)
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Set<CityCase>().Local.FirstOrDefault(c => c.Id == id);
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    public static async Task<CityCase> LoadCaseAsync(this ActivityExecutionContext context)
    {
        if (!Guid.TryParse(context.CorrelationId, out var id))
        {
            throw new InvalidOperationException("A case workflow is correlated with its case id; this instance has none.");
        }

        var db = context.Db();
        // Loaded by an earlier activity of the step, or handed to the step's context with the task it completes.
        if (db.TrackedCase(id) is { } tracked)
        {
            CommittedCaseStatus.Observe(tracked);
            return tracked;
        }

        // One statement: a case has few stages and suspensions.
        var loaded = await CaseQueries.CaseForUpdateAsync(db, id, context.CancellationToken)
            ?? throw new InvalidOperationException($"Case {id} does not exist.");
        CommittedCaseStatus.Observe(loaded);
        return loaded;
    }

    /// <summary>Appends a timeline entry; a non-null <paramref name="to"/> also moves the case's status.</summary>
    public static CaseTimelineEntry Record(
        this ActivityExecutionContext context, CityCase @case, string actor, string role, string action,
        CaseStatus? to = null, string? comment = null, IEnumerable<Guid>? photos = null)
    {
        var entry = new CaseTimelineEntry
        {
            Id = RowId.New(context.Now), CaseId = @case.Id, Sequence = ++@case.TimelineCount, At = context.Now, Actor = actor,
            Role = role, Action = action, FromStatus = @case.Status, ToStatus = to ?? @case.Status, Comment = comment,
            PhotoIds = photos?.ToList() ?? [],
        };
        context.Db().Add(entry);
        if (to is { } status)
        {
            @case.Status = status;
        }

        @case.UpdatedAt = context.Now;
        return entry;
    }

    /// <summary>Keeps the photos of a task completion (already stored by the endpoint) as photos of the case.</summary>
    public static void AddPhotos(this ActivityExecutionContext context, CityCase @case, TaskForm form, string uploadedBy)
    {
        foreach (var photo in form.Photos)
        {
            context.Db().Add(new CasePhoto
            {
                Id = photo.Id, CaseId = @case.Id, ContentType = photo.ContentType, Size = photo.Size,
                StoredPath = photo.StoredPath, UploadedBy = uploadedBy, UploadedAt = context.Now,
            });
        }
    }

    public static DeadlineCalculator Deadlines(this ActivityExecutionContext context) =>
        new(context.GetRequiredService<ICityCatalog>().Current.Calendar, MissingYearPolicy.AssumeWeekdaysOnly);

    public static CaseSlaOptions SlaOptions(this ActivityExecutionContext context) =>
        context.GetRequiredService<IOptions<CaseSlaOptions>>().Value;

    /// <summary>Completes the running stage clock, if any.</summary>
    public static void StopClock(this ActivityExecutionContext context, CityCase @case)
    {
        foreach (var stage in @case.Stages.Where(s => s.CompletedAt is null))
        {
            stage.CompletedAt = context.Now;
        }
    }

    /// <summary>Recomputes the running stage's deadline (after an extension or a suspension) and its variable.</summary>
    public static void RefreshDue(this ActivityExecutionContext context, CityCase @case)
    {
        if (@case.OpenStage is not { } stage)
        {
            return;
        }

        stage.DueAt = StageClock.Due(stage, StageClock.Suspensions(@case, context.Now), context.Deadlines());
        context.SetVariable(DueVariable(stage.Stage), stage.DueAt.ToString("O", CultureInfo.InvariantCulture));
    }

    /// <summary>Workflow variable holding a stage's deadline, for boundary deadlines: <c>variables.dueHandle</c>.</summary>
    public static string DueVariable(SlaStage stage) => $"due{stage}";
}
