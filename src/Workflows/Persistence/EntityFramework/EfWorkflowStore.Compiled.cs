using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityOps.Workflows.Persistence.EntityFramework;

public sealed partial class EfWorkflowStore
{
    // A compiled query binds to the model it first ran with and refuses any other, and one process may hold several
    // (host context, test contexts per provider): one set per model, dropped with the model.
    private static readonly ConditionalWeakTable<IModel, HotQueries> Compiled = [];

    private HotQueries Hot => Compiled.GetValue(db.Model, static _ => new HotQueries());

    /// <summary>The queries every resume sends, compiled once per model (no expression tree built per call).</summary>
    private sealed class HotQueries
    {
        public Func<DbContext, string, CancellationToken, Task<StimulusRecord?>> Stimulus { get; } = EF.CompileAsyncQuery(
            (DbContext db, string key, CancellationToken ct) => db.Set<StimulusRecord>().AsNoTracking().FirstOrDefault(s => s.IdempotencyKey == key));

        public Func<DbContext, string, string, IAsyncEnumerable<BookmarkRecord>> Bookmarks { get; } = EF.CompileAsyncQuery<DbContext, string, string, BookmarkRecord>(
            (DbContext db, string name, string hash) => db.Set<BookmarkRecord>().AsNoTracking()
                .Where(b => b.Name == name && b.CorrelationHash == hash).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id));

        public Func<DbContext, string, IAsyncEnumerable<WorkflowDefinitionRecord>> PublishedByTrigger { get; } = EF.CompileAsyncQuery<DbContext, string, WorkflowDefinitionRecord>(
            (DbContext db, string eventName) => db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.IsPublished && d.TriggerEventName == eventName).OrderBy(d => d.DefinitionId));

        public Func<DbContext, Guid, CancellationToken, Task<InstanceForStep?>> InstanceForStep { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => (
                from i in db.Set<WorkflowInstanceRecord>().AsNoTracking()
                where i.Id == id
                from d in db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                    .Where(d => d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion).DefaultIfEmpty()
                select new InstanceForStep(i, d == null ? null : d.Id, d == null ? null : d.ContentHash))
                .FirstOrDefault());

        // One statement (one snapshot): the task, its instance and the identity of the instance's definition row.
        public Func<DbContext, Guid, CancellationToken, Task<TaskRow?>> TaskForStep { get; } = EF.CompileAsyncQuery(
            (DbContext db, Guid id, CancellationToken ct) => (
                from t in db.Set<WorkflowTaskRecord>().AsNoTracking()
                where t.Id == id
                from i in db.Set<WorkflowInstanceRecord>().AsNoTracking().Where(i => i.Id == t.InstanceId).DefaultIfEmpty()
                from d in db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                    .Where(d => i != null && d.DefinitionId == i.DefinitionId && d.Version == i.DefinitionVersion).DefaultIfEmpty()
                select new TaskRow(t, i, d == null ? null : d.Id, d == null ? null : d.ContentHash))
                .FirstOrDefault());

        public Func<DbContext, string, CancellationToken, Task<DefinitionVersionKey?>> PublishedKey { get; } = EF.CompileAsyncQuery(
            (DbContext db, string definitionId, CancellationToken ct) => db.Set<WorkflowDefinitionRecord>().AsNoTracking()
                .Where(d => d.DefinitionId == definitionId && d.IsPublished)
                .Select(d => new DefinitionVersionKey(d.Id, d.DefinitionId, d.Version, d.ContentHash))
                .FirstOrDefault());
    }

    private sealed record TaskRow(WorkflowTaskRecord Task, WorkflowInstanceRecord? Instance, string? DefinitionRowId, string? DefinitionContentHash);

    private static async Task<IReadOnlyList<T>> ListAsync<T>(IAsyncEnumerable<T> rows, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            list.Add(row);
        }

        return list;
    }
}
