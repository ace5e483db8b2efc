using System.Collections.Concurrent;
using System.Data.Common;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// The rows a step only adds (journal, bookmarks, tasks, timers, outbox, stimuli, parked stimuli) as one multi-row
/// <c>INSERT … VALUES (…), (…)</c> per table, next to (not through) the change tracker: SQLite has no EF batching, so
/// each row was its own statement, and tracking rows that are detached right after the commit is pure cost. Table,
/// columns and parameter conversions come from the model, so the rows are exactly the ones EF would write (the host's
/// value converters and JSON primitive collections included).
/// </summary>
public sealed partial class EfWorkflowStore
{
    // SQL Server takes at most 2100 parameters per command, old SQLite builds 999: 50 rows × ≤ 16 columns stays below.
    private const int RowsPerStatement = 50;

    // One set per model, dropped with the model (test hosts build many).
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<Type, RowInsert>> Inserts = [];

    /// <summary>Whether this store writes added rows with <see cref="InsertRowsAsync"/> (relational providers).</summary>
    private bool DirectInserts => db.Database.IsRelational();

    private async Task InsertAddedRowsAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        await using var factory = db.Database.GetDbConnection().CreateCommand();
        await InsertRowsAsync(factory, commit.BookmarksAdded, cancellationToken);
        await InsertRowsAsync(factory, commit.TasksAdded, cancellationToken);
        await InsertRowsAsync(factory, commit.TimersAdded, cancellationToken);
        await InsertRowsAsync(factory, commit.Journal, cancellationToken);
        await InsertRowsAsync(factory, commit.Outbox, cancellationToken);
        await InsertRowsAsync(factory, commit.Stimuli, cancellationToken);
        await InsertRowsAsync(factory, commit.ParkedAdded, cancellationToken);
    }

    private Task InsertRowsAsync<T>(DbCommand factory, IReadOnlyList<T> rows, CancellationToken cancellationToken)
        where T : class => InsertRowsAsync(factory, typeof(T), rows, cancellationToken);

    private async Task InsertRowsAsync(DbCommand factory, Type rowType, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var model = db.Model;
        var insert = Inserts.GetValue(model, static _ => new()).GetOrAdd(rowType, (type, helper) => new RowInsert(model, type, helper), db.GetService<ISqlGenerationHelper>());
        for (var start = 0; start < rows.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, rows.Count - start);
            var parameters = new List<object>(count * insert.Columns.Count);
            for (var r = 0; r < count; r++)
            {
                var row = rows[start + r];
                for (var c = 0; c < insert.Columns.Count; c++)
                {
                    var column = insert.Columns[c];
                    parameters.Add(column.Mapping.CreateParameter(factory, $"r{r}_{c}", column.Read(row), column.Nullable));
                }
            }

            await db.Database.ExecuteSqlRawAsync(insert.Sql(count), parameters, cancellationToken);
        }
    }

    /// <summary>One engine table's INSERT for one model: columns in model order, SQL text per row count.</summary>
    private sealed class RowInsert
    {
        private readonly ConcurrentDictionary<int, string> _sql = new();
        private readonly string _head;

        public RowInsert(IModel model, Type type, ISqlGenerationHelper sql)
        {
            var entity = model.FindEntityType(type)
                ?? throw new InvalidOperationException($"The model has no {type.Name} entity; call ApplyWorkflowsModel.");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            Columns = [.. entity.GetProperties().Select(p => new Column(
                sql.DelimitIdentifier(p.GetColumnName(table)!),
                p.GetRelationalTypeMapping(),
                p.IsNullable,
                Reader(type, p)))];
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

        // A compiled getter of the CLR property; a shadow property (none in the engine's model) cannot be written here.
        private static Func<object, object?> Reader(Type type, IProperty property)
        {
            var info = property.PropertyInfo
                ?? throw new InvalidOperationException($"{type.Name}.{property.Name} has no CLR property the engine could write.");
            var row = Expression.Parameter(typeof(object), "row");
            var value = Expression.Convert(Expression.Property(Expression.Convert(row, type), info), typeof(object));
            return Expression.Lambda<Func<object, object?>>(value, row).Compile();
        }
    }

    private sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<object, object?> Read);
}
