using System.Collections.Concurrent;
using System.Data.Common;
using CityOps.Testing;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Persistence.EntityFramework;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static CityOps.Workflows.Tests.Persistence.StoreRecords;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>
/// Host rows marked <see cref="WorkflowModel.InsertedWithStepRows{T}"/>: several added by one step go in as one INSERT
/// in the step's transaction, load back as written, stay tracked as saved, and a conflict writes none of them.
/// </summary>
public sealed class EfWorkflowStoreHostRowsTests : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"cityops-hostrows-{Guid.NewGuid():N}.db");
    private readonly CommandLog _log = new();
    private readonly List<DbContext> _contexts = [];
    private string? _cs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Commit_SeveralMarkedRows_OneInsert_LoadBackAsWritten_AndStayTrackedAsSaved(string storage)
    {
        var db = await OpenAsync(storage);
        var instance = Instance();
        HostNote[] notes = [Note(instance.Id, 1, NoteKind.Plain, "a", "b"), Note(instance.Id, 2, NoteKind.Urgent)];
        db.AddRange(notes);
        _log.Clear();

        await new EfWorkflowStore(db).CommitAsync(Insert(instance), Ct);

        Assert.Single(_log.Inserts("HostNotes"));
        Assert.All(notes, n => Assert.Equal(EntityState.Unchanged, db.Entry(n).State));
        var loaded = await (await OpenAsync(storage)).Set<HostNote>().AsNoTracking().OrderBy(n => n.Sequence).ToListAsync(Ct);
        Assert.Equal(
            notes.Select(n => (n.Id, n.InstanceId, n.Sequence, n.Kind, n.Text, string.Join(',', n.Tags), n.At)),
            loaded.Select(n => (n.Id, n.InstanceId, n.Sequence, n.Kind, n.Text, string.Join(',', n.Tags), n.At)));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Commit_OneMarkedRow_GoesWithSaveChanges(string storage)
    {
        var db = await OpenAsync(storage);
        var instance = Instance();
        db.Add(Note(instance.Id, 1, NoteKind.Plain));
        _log.Clear();

        await new EfWorkflowStore(db).CommitAsync(Insert(instance), Ct);

        Assert.Single(await (await OpenAsync(storage)).Set<HostNote>().ToListAsync(Ct));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Commit_MarkedRowsTakeATakenSequence_ConflictsAndWritesNothing(string storage)
    {
        var first = await OpenAsync(storage);
        var instance = Instance();
        first.Add(Note(instance.Id, 1, NoteKind.Plain));
        await new EfWorkflowStore(first).CommitAsync(Insert(instance), Ct);
        var db = await OpenAsync(storage);
        var store = new EfWorkflowStore(db);
        var loaded = (await store.GetInstanceAsync(instance.Id, Ct))!;
        db.AddRange(Note(instance.Id, 2, NoteKind.Plain), Note(instance.Id, 1, NoteKind.Urgent));

        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() =>
            store.CommitAsync(new WorkflowCommit { Instance = new(loaded, 1), Journal = [Journal(instance.Id, 1)] }, Ct));

        var check = await OpenAsync(storage);
        Assert.Single(await check.Set<HostNote>().ToListAsync(Ct));
        Assert.Equal(1, (await new EfWorkflowStore(check).GetInstanceAsync(instance.Id, Ct))!.Version);
        Assert.Empty(db.ChangeTracker.Entries());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in _contexts)
        {
            await db.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }

    private static HostNote Note(Guid instanceId, int sequence, NoteKind kind, params string[] tags) => new()
    {
        Id = Guid.NewGuid(), InstanceId = instanceId, Sequence = sequence, Kind = kind, Text = kind == NoteKind.Urgent ? null : $"note {sequence}",
        Tags = [.. tags], At = T0.AddTicks(10 * (123456 + sequence)), // whole microseconds: PostgreSQL keeps no more
    };

    private async Task<NotesDbContext> OpenAsync(string storage)
    {
        var create = _cs is null;
        _cs ??= storage == "sqlite" ? $"Data Source={_file}" : await PostgresTestServer.CreateDatabaseAsync("cityops_hostrows", Ct);
        var options = new DbContextOptionsBuilder<NotesDbContext>().AddInterceptors(_log);
        var db = new NotesDbContext((storage == "sqlite" ? options.UseSqlite(_cs) : options.UseNpgsql(_cs)).Options, storage == "sqlite");
        _contexts.Add(db);
        if (create)
        {
            await db.Database.EnsureCreatedAsync(Ct);
        }

        return db;
    }

    internal enum NoteKind
    {
        Plain,
        Urgent,
    }

    internal sealed class HostNote
    {
        public Guid Id { get; set; }

        public Guid InstanceId { get; set; }

        public int Sequence { get; set; }

        public NoteKind Kind { get; set; }

        public string? Text { get; set; }

        public List<string> Tags { get; set; } = [];

        public DateTimeOffset At { get; set; }
    }

    private sealed class NotesDbContext(DbContextOptions<NotesDbContext> options, bool sqlite) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.ApplyWorkflowsModel();
            var note = modelBuilder.Entity<HostNote>();
            note.ToTable("HostNotes");
            note.HasIndex(n => new { n.InstanceId, n.Sequence }).IsUnique();
            note.Property(n => n.Kind).HasConversion<string>().HasMaxLength(20);
            note.InsertedWithStepRows();
        }

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        {
            if (sqlite)
            {
                configurationBuilder.StoreDateTimeOffsetAsUtcTicks();
            }
        }
    }

    /// <summary>The text of every command the contexts send.</summary>
    private sealed class CommandLog : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public void Clear() => _commands.Clear();

        public IEnumerable<string> Inserts(string table) =>
            _commands.Where(c => c.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal));

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            _commands.Enqueue(command.CommandText);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return ValueTask.FromResult(result);
        }
    }
}
