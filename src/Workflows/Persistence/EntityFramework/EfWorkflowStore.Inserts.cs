using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
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

    /// <summary>
    /// The step's added engine rows, then its host rows, as one command: one multi-row INSERT per table, the statements
    /// one after the other in a single command text (several commands only past <see cref="ParametersPerCommand"/>).
    /// Each command costs EF Core and the ADO.NET provider their own round of work, and on SQLite all of it runs while
    /// the step holds the file's only write lock, so the texts and parameters are built here, before the commit queues
    /// for a host's write connection (<see cref="InsertRowsAsync"/> only sends them).
    /// </summary>
    private List<(string Sql, List<object> Parameters)> PrepareInserts(WorkflowCommit commit, List<(Type Type, List<object> Rows)> hostRows)
    {
        using var factory = db.Database.GetDbConnection().CreateCommand();
        var batch = new InsertBatch(db, factory);
        batch.Add(commit.BookmarksAdded);
        batch.Add(commit.TasksAdded);
        batch.Add(commit.TimersAdded);
        batch.Add(commit.Journal);
        batch.Add(commit.Outbox);
        batch.Add(commit.Stimuli);
        batch.Add(commit.ParkedAdded);
        foreach (var (type, rows) in hostRows)
        {
            batch.Add(type, rows);
        }

        return batch.Complete();
    }

    /// <summary>Sends the commands <see cref="PrepareInserts"/> built, in order, in the commit's transaction.</summary>
    private async Task InsertRowsAsync(List<(string Sql, List<object> Parameters)> commands, CancellationToken cancellationToken)
    {
        foreach (var (sql, parameters) in commands)
        {
            await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
        }
    }

    // SQL Server takes at most 2100 parameters per command, old SQLite builds 999.
    private const int ParametersPerCommand = 900;

    /// <summary>INSERT statements gathered into command texts with their parameters, a new command when one is full.</summary>
    private sealed class InsertBatch(DbContext db, DbCommand factory)
    {
        private readonly List<(string Sql, List<object> Parameters)> _commands = [];
        private readonly StringBuilder _sql = new();
        private List<object> _parameters = [];
        private readonly ParameterNames _names = Names.GetValue(db.Model, _ => new(db.GetService<ISqlGenerationHelper>()));

        public void Add<T>(IReadOnlyList<T> rows)
            where T : class => Add(typeof(T), rows);

        public void Add(Type rowType, IReadOnlyList<object> rows)
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
                if (_parameters.Count + (count * insert.Columns.Count) > ParametersPerCommand)
                {
                    Close();
                }

                var offset = _parameters.Count;
                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    for (var c = 0; c < insert.Columns.Count; c++)
                    {
                        var column = insert.Columns[c];
                        _parameters.Add(column.Mapping.CreateParameter(factory, _names[_parameters.Count], column.Read(row), column.Nullable));
                    }
                }

                _sql.Append(insert.Sql(count, offset)).Append(";\n");
            }
        }

        public List<(string Sql, List<object> Parameters)> Complete()
        {
            Close();
            return _commands;
        }

        private void Close()
        {
            if (_parameters.Count == 0)
            {
                return;
            }

            _commands.Add((_sql.ToString(), _parameters));
            (_parameters, _) = ([], _sql.Clear());
        }
    }

    private static string Name(ISqlGenerationHelper sql, int index) => sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"r{index}"));

    // Parameter names per model, as its provider spells them (with the prefix, "@r0").
    private static readonly ConditionalWeakTable<IModel, ParameterNames> Names = [];

    /// <summary>
    /// The names of a command's parameters, with the provider's prefix: EF Core puts a raw parameter's name into the SQL
    /// as it is, and Microsoft.Data.Sqlite looks a name up in each statement of the command. Without the prefix each
    /// statement that lacks the parameter (all but one in a command of several INSERTs) tried three spellings, each a new
    /// string; with it one lookup answers.
    /// </summary>
    private sealed class ParameterNames(ISqlGenerationHelper sql)
    {
        private readonly string[] _names = [.. Enumerable.Range(0, ParametersPerCommand).Select(i => Name(sql, i))];

        // A single statement of a wide host table can go past a command's usual count.
        public string this[int index] => index < _names.Length ? _names[index] : Name(sql, index);
    }

    /// <summary>One engine table's INSERT for one model: columns in model order, SQL text per row count.</summary>
    private sealed class RowInsert
    {
        private readonly ConcurrentDictionary<(int Rows, int Offset), string> _sql = new();
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

        // Placeholders {n} are filled by EF (ExecuteSqlRaw) with each provider's parameter syntax; a statement after
        // others in the same command starts at their parameter count.
        public string Sql(int rows, int offset) => _sql.GetOrAdd((rows, offset), key =>
        {
            var text = new StringBuilder(_head);
            for (var r = 0; r < key.Rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    text.Append(c == 0 ? "{" : ", {").Append(key.Offset + (r * Columns.Count) + c).Append('}');
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
