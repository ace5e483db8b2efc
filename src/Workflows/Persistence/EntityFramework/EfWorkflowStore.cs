using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// <see cref="IWorkflowStore"/> over the host's scoped DbContext (whose model includes
/// <see cref="WorkflowModel.ApplyWorkflowsModel"/>). A commit stages the step's engine rows next to whatever host rows
/// the step's activities changed in the same context, then calls <c>SaveChanges</c> once: one transaction.
/// The first query or commit opens the context's connection and keeps it open until the store is disposed with its
/// DI scope (the engine's scopes are one step each), instead of letting EF open and close it around every command.
/// When the host registers an <see cref="IWriteConnectionLease"/> (SQLite), the commit instead runs on the host's
/// write connection: the held connection goes back to the pool, and a later query holds one again.
/// </summary>
public sealed partial class EfWorkflowStore(DbContext db, IWriteConnectionLease? writer = null) : IWorkflowStore, IDisposable, IAsyncDisposable
{
    private static readonly string? EngineNamespace = typeof(IWorkflowStore).Namespace;

    private bool _connectionHeld;

    /// <inheritdoc />
    public async Task CommitAsync(WorkflowCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var direct = DirectInserts;
        IAsyncDisposable? lease = null;
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? own = null;
        var savepoints = db.Database.AutoSavepointsEnabled;
        var committed = false;
        List<(Type Type, List<object> Rows)> hostRows = [];
        try
        {
            Stage(commit, stageAdded: !direct);
            var detected = false;
            List<(Microsoft.EntityFrameworkCore.Storage.IRelationalCommand Command, Dictionary<string, object?> Values)> inserts = [];
            if (direct)
            {
                hostRows = TakeHostRows(out detected);
                inserts = PrepareInserts(commit, hostRows);
            }

            // Staged first: a host's write connection is queued for, so nothing that needs no database runs while it is held.
            lease = await EnterWriterAsync(cancellationToken);
            if (lease is null)
            {
                await HoldConnectionAsync(cancellationToken);
            }

            // Statements outside SaveChanges need one transaction around them all (unless the host opened one).
            own = direct && db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

            // Changes were just detected (taking the host rows) and nothing has changed since: SaveChanges need not
            // walk every tracked row a second time.
            var detect = db.ChangeTracker.AutoDetectChangesEnabled;
            db.ChangeTracker.AutoDetectChangesEnabled = detect && !detected;
            try
            {
                if (own is null)
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    // Our own transaction: no savepoint needed, a failure rolls all of it back.
                    db.Database.AutoSavepointsEnabled = false;
                    await db.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
                }
            }
            finally
            {
                db.ChangeTracker.AutoDetectChangesEnabled = detect;
            }

            // After SaveChanges: the instance row (checked or inserted) exists before the rows that belong to it, and
            // removed rows are gone before new ones go in (as SaveChanges orders them).
            if (direct)
            {
                await DeleteRemovedRowsAsync(commit, cancellationToken);
                await InsertRowsAsync(inserts, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
                committed = true;

                // The write connection goes back before the change tracker's bookkeeping, which needs no database.
                await own.DisposeAsync();
                own = null;
                if (lease is not null)
                {
                    await lease.DisposeAsync();
                    lease = null;
                }

                db.ChangeTracker.AcceptAllChanges();
            }
        }
        catch (DbUpdateConcurrencyException ex)
        {
            db.ChangeTracker.Clear();
            throw new WorkflowConcurrencyException(
                "Another writer changed this workflow first (instance version moved, or a bookmark, task, timer or parked stimulus is gone). Nothing was written.", ex);
        }
        catch (Exception ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            db.ChangeTracker.Clear();
            throw new WorkflowConcurrencyException(
                "A row this step inserts already exists (the instance, or an idempotency key that was processed already). Nothing was written.", ex);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
            if (own is not null)
            {
                if (!committed)
                {
                    await RollBackAsync(own);
                }

                await own.DisposeAsync();
            }

            if (lease is not null)
            {
                await lease.DisposeAsync();
            }
        }

        if (commit.Instance is { } write)
        {
            write.Instance.Version = (write.ExpectedVersion ?? 0) + 1;
        }

        DetachEngineRows();
        TrackHostRowsAsSaved(hostRows);
    }

    /// <summary>
    /// The host's write connection for this commit, when it has one and this context is not in a transaction of its
    /// own: the connection this store held for the step's reads goes back to the pool first.
    /// </summary>
    private async ValueTask<IAsyncDisposable?> EnterWriterAsync(CancellationToken cancellationToken)
    {
        if (writer is null || db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        if (_connectionHeld)
        {
            _connectionHeld = false;
            await db.Database.CloseConnectionAsync();
        }

        return await writer.EnterAsync(db, cancellationToken);
    }

    /// <summary>
    /// Rolls our own transaction back explicitly (that also releases a host's write gate at once, not when the
    /// connection closes). A connection the failure broke has no transaction left to roll back: the original error counts.
    /// </summary>
    private static async Task RollBackAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // ObjectDisposedException is an InvalidOperationException: the provider already dropped the transaction.
        }
    }

    /// <summary>Closes the connection this store opened (the context's other users keep their own opens).</summary>
    public void Dispose()
    {
        if (_connectionHeld)
        {
            _connectionHeld = false;
            try
            {
                db.Database.CloseConnection();
            }
            catch (ObjectDisposedException)
            {
                // The context went first and closed it.
            }
        }
    }

    /// <inheritdoc cref="Dispose" />
    public async ValueTask DisposeAsync()
    {
        if (_connectionHeld)
        {
            _connectionHeld = false;
            try
            {
                await db.Database.CloseConnectionAsync();
            }
            catch (ObjectDisposedException)
            {
                // The context went first and closed it.
            }
        }
    }

    private async ValueTask HoldConnectionAsync(CancellationToken cancellationToken)
    {
        if (!_connectionHeld && db.Database.IsRelational())
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            _connectionHeld = true;
        }
    }

    private void Stage(WorkflowCommit commit, bool stageAdded)
    {
        if (commit.Instance is { } write)
        {
            var row = write.Instance.Copy();
            if (write.ExpectedVersion is { } expected && write.Original is { } original)
            {
                // UPDATE of the changed columns only, still WHERE Id = @id AND Version = @expected.
                var read = original.Copy();
                read.Version = expected;
                var entry = db.Attach(read);
                entry.CurrentValues.SetValues(row);
                entry.Property(i => i.Version).CurrentValue = expected + 1;
            }
            else if (write.ExpectedVersion is { } expectedVersion)
            {
                row.Version = expectedVersion + 1;
                var entry = db.Attach(row);
                entry.State = EntityState.Modified;
                entry.Property(i => i.Version).OriginalValue = expectedVersion;
            }
            else
            {
                row.Version = 1;
                db.Add(row);
            }
        }

        // Deleting by key stub: a row that is already gone affects 0 rows and EF reports a concurrency conflict.
        // Several removed rows of one table go in one direct DELETE after SaveChanges (DeleteRemovedRowsAsync).
        if (!DeletesDirectly(commit.BookmarksRemoved))
        {
            db.RemoveRange(commit.BookmarksRemoved.Select(id => new BookmarkRecord { Id = id }));
        }

        if (!DeletesDirectly(commit.TimersRemoved))
        {
            db.RemoveRange(commit.TimersRemoved.Select(id => new TimerRecord { Id = id }));
        }

        if (!DeletesDirectly(commit.ParkedRemoved))
        {
            db.RemoveRange(commit.ParkedRemoved.Select(id => new ParkedStimulusRecord { Id = id }));
        }
        foreach (var task in commit.TasksUpdated)
        {
            if (commit.TaskOriginals.TryGetValue(task.Id, out var original))
            {
                // Only the changed columns; an unchanged row still gets its UPDATE, so a task that is gone conflicts.
                var entry = db.Attach(original.Copy());
                entry.CurrentValues.SetValues(task);
                entry.Property(t => t.Outcomes).CurrentValue = [.. task.Outcomes];
                if (entry.State == EntityState.Unchanged)
                {
                    entry.Property(t => t.Status).IsModified = true;
                }
            }
            else
            {
                db.Update(task.Copy());
            }
        }

        if (stageAdded)
        {
            db.AddRange(commit.BookmarksAdded.Select(b => b.Copy()));
            db.AddRange(commit.TasksAdded.Select(t => t.Copy()));
            db.AddRange(commit.TimersAdded.Select(t => t.Copy()));
            db.AddRange(commit.Journal.Select(j => j.Copy()));
            db.AddRange(commit.Outbox.Select(o => o.Copy()));
            db.AddRange(commit.Stimuli.Select(s => s.Copy()));
            db.AddRange(commit.ParkedAdded.Select(p => p.Copy()));
        }

        // UPDATE … WHERE Id = @id AND UpdatedAt = @read: a row changed (or deleted) since it was read affects no row.
        foreach (var saved in commit.DefinitionsSaved)
        {
            var row = saved.Definition.Copy();
            if (saved.ExpectedUpdatedAt is { } expected)
            {
                var entry = db.Attach(row);
                entry.State = EntityState.Modified;
                entry.Property(d => d.UpdatedAt).OriginalValue = expected;
            }
            else
            {
                db.Add(row);
            }
        }
    }

    // Engine rows are handed out as detached copies; host rows saved in the same step stay tracked for the host.
    // Right after SaveChanges nothing can have changed: enumerate without a second DetectChanges over every entry.
    private void DetachEngineRows()
    {
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var entry in tracker.Entries().Where(e => e.Metadata.ClrType.Namespace == EngineNamespace).ToList())
            {
                entry.State = EntityState.Detached;
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
