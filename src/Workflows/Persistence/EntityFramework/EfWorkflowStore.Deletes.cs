using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// Rows a step removes (bookmarks, timers, parked stimuli) as one <c>DELETE … WHERE Id IN (…)</c> per table when it
/// removes several: SQLite sends each tracked delete as a statement of its own. The count of deleted rows is checked as
/// EF checks each row's: a row that is already gone makes the whole commit a conflict and nothing is written.
/// </summary>
public sealed partial class EfWorkflowStore
{
    // Well below every provider's parameter limit (SQL Server 2100, old SQLite builds 999).
    private const int IdsPerDelete = 500;

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, RowDelete>> Deletes = [];

    /// <summary>Whether <paramref name="ids"/> go in one direct statement instead of one tracked delete each.</summary>
    private bool DeletesDirectly(IReadOnlyList<Guid> ids) => DirectInserts && ids.Count > 1;

    private async Task DeleteRemovedRowsAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        await DeleteRowsAsync<BookmarkRecord>(commit.BookmarksRemoved, cancellationToken);
        await DeleteRowsAsync<TimerRecord>(commit.TimersRemoved, cancellationToken);
        await DeleteRowsAsync<ParkedStimulusRecord>(commit.ParkedRemoved, cancellationToken);
    }

    private async Task DeleteRowsAsync<T>(IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
        where T : class
    {
        if (!DeletesDirectly(ids))
        {
            return;
        }

        var model = db.Model;
        var delete = Deletes.GetValue(model, static _ => new()).GetOrAdd(typeof(T), (type, helper) => new RowDelete(model, type, helper), db.GetService<ISqlGenerationHelper>());
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var start = 0; start < ids.Count; start += IdsPerDelete)
        {
            var count = Math.Min(IdsPerDelete, ids.Count - start);
            var parameters = new List<object>(count);
            for (var i = 0; i < count; i++)
            {
                parameters.Add(delete.Key.CreateParameter(factory, $"d{i}", ids[start + i], nullable: false));
            }

            var deleted = await db.Database.ExecuteSqlRawAsync(delete.Sql(count), parameters, cancellationToken);
            if (deleted != count)
            {
                throw new DbUpdateConcurrencyException(
                    $"The database operation was expected to delete {count} {typeof(T).Name} row(s), but deleted {deleted}.");
            }
        }
    }

    /// <summary>One engine table's DELETE by key for one model, SQL text per id count.</summary>
    private sealed class RowDelete
    {
        private readonly ConcurrentDictionary<int, string> _sql = new();
        private readonly string _head;

        public RowDelete(IModel model, Type type, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(type)
                ?? throw new InvalidOperationException($"The model has no {type.Name} entity; call ApplyWorkflowsModel.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            Key = key.GetRelationalTypeMapping();
            _head = $"DELETE FROM {sql.DelimitIdentifier(table.Name, table.Schema)} WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} IN (";
        }

        public RelationalTypeMapping Key { get; }

        // Placeholders {n} are filled by EF (ExecuteSqlRaw) with each provider's parameter syntax.
        public string Sql(int ids) => _sql.GetOrAdd(ids, n =>
        {
            var text = new StringBuilder(_head);
            for (var i = 0; i < n; i++)
            {
                text.Append(i == 0 ? "{" : ", {").Append(i).Append('}');
            }

            return text.Append(')').ToString();
        });
    }
}
