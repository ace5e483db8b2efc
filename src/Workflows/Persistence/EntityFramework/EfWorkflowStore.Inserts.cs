using System.Collections.Concurrent;
using System.Globalization;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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


    /// <summary>Whether this store writes added rows with <see cref="InsertRowsAsync"/> (relational providers).</summary>
    private bool DirectInserts => db.Database.IsRelational();

    /// <summary>
    /// The step's added engine rows, then its host rows, as one command: one multi-row INSERT per table, the statements
    /// one after the other in a single command text (several commands only past <see cref="ParametersPerCommand"/>).
    /// Each command costs EF Core and the ADO.NET provider their own round of work, and on SQLite all of it runs while
    /// the step holds the file's only write lock, so the commands and their values are made ready here, before the
    /// commit queues for a host's write connection (<see cref="InsertRowsAsync"/> only sends them).
    /// </summary>
    private List<(IRelationalCommand Command, Dictionary<string, object?> Values)> PrepareInserts(
        WorkflowCommit commit, List<(Type Type, List<object> Rows)> hostRows)
    {
        var batch = new InsertBatch(db);
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

    /// <summary>
    /// Sends the commands <see cref="PrepareInserts"/> made, in order, in the commit's transaction: through EF Core's
    /// command pipeline (its interceptors and logging), as <c>ExecuteSqlRaw</c> would.
    /// </summary>
    private async Task InsertRowsAsync(List<(IRelationalCommand Command, Dictionary<string, object?> Values)> commands, CancellationToken cancellationToken)
    {
        if (commands.Count == 0)
        {
            return;
        }

        var connection = db.GetService<IRelationalConnection>();
        var logger = db.GetService<IRelationalCommandDiagnosticsLogger>();
        foreach (var (command, values) in commands)
        {
            await command.ExecuteNonQueryAsync(
                new RelationalCommandParameterObject(connection, values, null, db, logger, CommandSource.ExecuteSqlRaw), cancellationToken);
        }
    }

    // SQL Server takes at most 2100 parameters per command, old SQLite builds 999.
    private const int ParametersPerCommand = 900;

    // Shapes of command kept per model; past this many (unusual steps), commands are made for one use.
    private const int ShapesPerModel = 256;

    /// <summary>
    /// INSERT statements gathered into commands, a new command when one is full. A command's text and parameter list
    /// depend only on its shape — which tables, how many rows of each — so each shape's command is made once per model
    /// and reused (EF Core commands are immutable; the values travel beside them): no SQL text is built, formatted or
    /// copied per commit.
    /// </summary>
    private sealed class InsertBatch(DbContext db)
    {
        private readonly List<(IRelationalCommand Command, Dictionary<string, object?> Values)> _commands = [];
        private readonly PerModel _model = Models.TryGetValue(db.Model, out var known) ? known : Models.GetValue(db.Model, m => new(m, db.GetService<ISqlGenerationHelper>()));
        private List<(RowInsert Insert, int Rows)> _shape = [];
        private Dictionary<string, object?> _values = [];

        public void Add<T>(IReadOnlyList<T> rows)
            where T : class => Add(typeof(T), rows);

        public void Add(Type rowType, IReadOnlyList<object> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var insert = _model.Insert(rowType);
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                if (_values.Count + (count * insert.Columns.Count) > ParametersPerCommand)
                {
                    Close();
                }

                for (var r = 0; r < count; r++)
                {
                    var row = rows[start + r];
                    foreach (var column in insert.Columns)
                    {
                        _values.Add(_model.Names.Invariant(_values.Count), column.Read(row));
                    }
                }

                _shape.Add((insert, count));
            }
        }

        public List<(IRelationalCommand Command, Dictionary<string, object?> Values)> Complete()
        {
            Close();
            return _commands;
        }

        private void Close()
        {
            if (_shape.Count == 0)
            {
                return;
            }

            _commands.Add((_model.Command(db, new Shape([.. _shape])), _values));
            (_shape, _values) = ([], []);
        }
    }

    private static readonly ConditionalWeakTable<IModel, PerModel> Models = [];

    /// <summary>What the inserts keep per model: each table's INSERT, the parameter names, the commands by shape.</summary>
    private sealed class PerModel(IModel model, ISqlGenerationHelper sql)
    {
        private readonly ConcurrentDictionary<Type, RowInsert> _inserts = new();
        private readonly ConcurrentDictionary<Shape, IRelationalCommand> _commands = new();

        public ParameterNames Names { get; } = new(sql);

        public RowInsert Insert(Type rowType) => _inserts.GetOrAdd(rowType, static (type, state) => new RowInsert(state.model, type, state.sql), (model, sql));

        public IRelationalCommand Command(DbContext db, Shape shape)
        {
            if (_commands.TryGetValue(shape, out var command))
            {
                return command;
            }

            command = Build(db, shape);
            return _commands.Count < ShapesPerModel ? _commands.GetOrAdd(shape, command) : command;
        }

        private IRelationalCommand Build(DbContext db, Shape shape)
        {
            var builder = db.GetService<IRelationalCommandBuilderFactory>().Create();
            var next = 0;
            foreach (var (insert, rows) in shape.Parts)
            {
                builder.Append(insert.Sql(rows, next, Names)).Append(";\n");
                for (var r = 0; r < rows; r++)
                {
                    foreach (var column in insert.Columns)
                    {
                        builder.AddParameter(Names.Invariant(next), Names.Parameter(next), column.Mapping, column.Nullable);
                        next++;
                    }
                }
            }

            return builder.Build();
        }
    }

    /// <summary>Which tables a command inserts into, in order, and how many rows each statement has.</summary>
    private sealed class Shape((RowInsert Insert, int Rows)[] parts) : IEquatable<Shape>
    {
        private readonly int _hash = parts.Aggregate(17, (hash, part) => HashCode.Combine(hash, RuntimeHelpers.GetHashCode(part.Insert), part.Rows));

        public (RowInsert Insert, int Rows)[] Parts => parts;

        public bool Equals(Shape? other)
        {
            if (other is null || other._hash != _hash || other.Parts.Length != parts.Length)
            {
                return false;
            }

            for (var i = 0; i < parts.Length; i++)
            {
                if (!ReferenceEquals(parts[i].Insert, other.Parts[i].Insert) || parts[i].Rows != other.Parts[i].Rows)
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => Equals(obj as Shape);

        public override int GetHashCode() => _hash;
    }

    /// <summary>
    /// The names of a command's parameters: <c>r0</c>, <c>r1</c> … as the values are keyed, and as the provider writes
    /// them in SQL and on the parameter (<c>@r0</c>). With the prefix on the parameter, Microsoft.Data.Sqlite finds it
    /// with one lookup per statement of the command; a bare name made it try three spellings in each statement that
    /// lacks it (all but one in a command of several INSERTs), each a new string.
    /// </summary>
    private sealed class ParameterNames(ISqlGenerationHelper sql)
    {
        private readonly string[] _invariant = [.. Enumerable.Range(0, ParametersPerCommand).Select(Bare)];
        private readonly string[] _parameter = [.. Enumerable.Range(0, ParametersPerCommand).Select(i => sql.GenerateParameterName(Bare(i)))];
        private readonly string[] _placeholder = [.. Enumerable.Range(0, ParametersPerCommand).Select(i => sql.GenerateParameterNamePlaceholder(Bare(i)))];

        // A single statement of a wide host table can go past a command's usual count.
        public string Invariant(int index) => index < _invariant.Length ? _invariant[index] : Bare(index);

        public string Parameter(int index) => index < _parameter.Length ? _parameter[index] : sql.GenerateParameterName(Bare(index));

        public string Placeholder(int index) => index < _placeholder.Length ? _placeholder[index] : sql.GenerateParameterNamePlaceholder(Bare(index));

        private static string Bare(int index) => string.Create(CultureInfo.InvariantCulture, $"r{index}");
    }

    /// <summary>One engine table's INSERT for one model: columns in model order, SQL text per row count.</summary>
    private sealed class RowInsert
    {
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

        // A statement after others in the same command starts at their parameter count.
        public string Sql(int rows, int offset, ParameterNames names)
        {
            var text = new StringBuilder(_head);
            for (var r = 0; r < rows; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < Columns.Count; c++)
                {
                    text.Append(c == 0 ? "" : ", ").Append(names.Placeholder(offset + (r * Columns.Count) + c));
                }

                text.Append(')');
            }

            return text.ToString();
        }

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
