using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// Host rows marked <see cref="WorkflowModel.InsertedWithStepRows{T}"/> that a step adds several of (say, two timeline
/// entries) leave the change tracker before <c>SaveChanges</c> and go in as one multi-row INSERT per table with the
/// engine's rows; after the commit they are tracked again as saved, exactly as <c>SaveChanges</c> would have left them.
/// </summary>
public sealed partial class EfWorkflowStore
{
    /// <summary>The model annotation set by <see cref="WorkflowModel.InsertedWithStepRows{T}"/>.</summary>
    internal const string InsertedWithStepRowsAnnotation = "CityOps:InsertedWithStepRows";

    // Whether a model marks any entity at all (engine-only contexts do not): one look per model.
    private static readonly ConditionalWeakTable<IModel, StrongBox<bool>> MarksHostRows = [];

    /// <summary>The added host rows to insert directly, by entity type (only types with two or more), now detached.</summary>
    private List<(Type Type, List<object> Rows)> TakeHostRows(out bool detected)
    {
        detected = false;
        if (!MarksHostRows.GetValue(db.Model, static m => new(m.GetEntityTypes().Any(t => t.FindAnnotation(InsertedWithStepRowsAnnotation)?.Value is true))).Value)
        {
            return [];
        }

        var tracker = db.ChangeTracker;
        tracker.DetectChanges();
        detected = true;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var taken = tracker.Entries()
                .Where(e => e.State == EntityState.Added && e.Metadata.FindAnnotation(InsertedWithStepRowsAnnotation)?.Value is true)
                .GroupBy(e => e.Metadata.ClrType)
                .Where(g => g.Count() > 1)
                .Select(g => (g.Key, g.ToList()))
                .ToList();
            foreach (var (_, entries) in taken)
            {
                foreach (var entry in entries)
                {
                    entry.State = EntityState.Detached;
                }
            }

            return [.. taken.Select(t => (t.Key, t.Item2.Select(e => e.Entity).ToList()))];
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>After the commit: the rows are tracked as saved (Unchanged), as SaveChanges leaves the rows it inserted.</summary>
    private void TrackHostRowsAsSaved(List<(Type Type, List<object> Rows)> hostRows)
    {
        foreach (var (_, rows) in hostRows)
        {
            foreach (var row in rows)
            {
                EntityEntry entry = db.Entry(row);
                entry.State = EntityState.Unchanged;
            }
        }
    }
}
