using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// A step's journal rows as one multi-row <c>INSERT … VALUES (…), (…)</c> instead of one statement per row (SQLite has
/// no EF batching: each row was its own prepared statement). Table, columns and parameter conversions come from the
/// model, so it writes exactly what EF would (the host's value converters included).
/// </summary>
public sealed partial class EfWorkflowStore
{
    // SQL Server takes at most 2100 parameters per command, old SQLite builds 999: 50 rows × 10 columns stays well below.
    private const int JournalRowsPerStatement = 50;

    private static readonly ConditionalWeakTable<IModel, JournalInsert> JournalInserts = [];

    /// <summary>Whether this commit writes its journal with <see cref="InsertJournalAsync"/> (more than one row, relational).</summary>
    private bool BulkJournal(WorkflowCommit commit) => commit.Journal.Count > 1 && db.Database.IsRelational();

    private async Task InsertJournalAsync(IReadOnlyList<JournalRecord> rows, CancellationToken cancellationToken)
    {
        var insert = JournalInserts.GetValue(db.Model, model => new JournalInsert(model, db.GetService<ISqlGenerationHelper>()));
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        for (var start = 0; start < rows.Count; start += JournalRowsPerStatement)
        {
            var count = Math.Min(JournalRowsPerStatement, rows.Count - start);
            var parameters = new List<object>(count * insert.Columns.Count);
            for (var r = 0; r < count; r++)
            {
                var row = rows[start + r];
                for (var c = 0; c < insert.Columns.Count; c++)
                {
                    var column = insert.Columns[c];
                    parameters.Add(column.Mapping.CreateParameter(factory, $"j{r}_{c}", column.Read(row), column.Nullable));
                }
            }

            await db.Database.ExecuteSqlRawAsync(insert.Sql(count), parameters, cancellationToken);
        }
    }

    /// <summary>The journal table's INSERT for one model: columns in model order, SQL text per row count.</summary>
    private sealed class JournalInsert
    {
        private readonly ConcurrentDictionary<int, string> _sql = new();
        private readonly string _head;

        public JournalInsert(IModel model, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(typeof(JournalRecord))
                ?? throw new InvalidOperationException("The model has no journal entity; call ApplyWorkflowsModel.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Columns = [.. entity.GetProperties().Select(p => new Column(
                sql.DelimitIdentifier(p.GetColumnName(table)!),
                p.GetRelationalTypeMapping(),
                p.IsNullable,
                Reader(p)))];
            _head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", Columns.Select(c => c.Name))}) VALUES ";
        }

        public IReadOnlyList<Column> Columns { get; }

        // Placeholders {n} are filled by EF (ExecuteSqlRaw) with each provider's parameter syntax.
        public string Sql(int rows) => _sql.GetOrAdd(rows, n =>
        {
            var text = new StringBuilder(_head);
            for (var r = 0; r < n; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    text.Append(c == 0 ? "{" : ", {").Append(r * Columns.Count + c).Append('}');
                }

                text.Append(')');
            }

            return text.ToString();
        });

        private static Func<JournalRecord, object?> Reader(IProperty property) => property.Name switch
        {
            nameof(JournalRecord.Id) => j => j.Id,
            nameof(JournalRecord.InstanceId) => j => j.InstanceId,
            nameof(JournalRecord.Sequence) => j => j.Sequence,
            nameof(JournalRecord.ActivityId) => j => j.ActivityId,
            nameof(JournalRecord.ActivityType) => j => j.ActivityType,
            nameof(JournalRecord.EventName) => j => j.EventName,
            nameof(JournalRecord.Outcomes) => j => j.Outcomes,
            nameof(JournalRecord.Actor) => j => j.Actor,
            nameof(JournalRecord.Timestamp) => j => j.Timestamp,
            nameof(JournalRecord.Payload) => j => j.Payload,
            _ => throw new InvalidOperationException($"The journal entity has a property '{property.Name}' the engine does not write."),
        };
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<JournalRecord, object?> Read);
}
