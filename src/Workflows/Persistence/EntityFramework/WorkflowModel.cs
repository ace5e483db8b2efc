using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// Puts the engine's tables into a host's model. The host owns the DbContext (and its migrations) so a step's
/// engine rows and the host rows its activities changed commit in one <c>SaveChanges</c>.
/// </summary>
public static class WorkflowModel
{
    /// <summary>Adds the engine's entity configurations (tables prefixed <c>Workflow</c>).</summary>
    public static ModelBuilder ApplyWorkflowsModel(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder.ApplyConfigurationsFromAssembly(
            typeof(WorkflowModel).Assembly,
            t => t.Namespace == typeof(WorkflowModel).Namespace);
    }

    /// <summary>
    /// Rows of this host entity that one step adds several of go in with the engine's rows as one multi-row
    /// <c>INSERT</c> after <c>SaveChanges</c> (in the step's transaction) instead of one statement each; a single row
    /// stays with <c>SaveChanges</c>. For insert-only rows whose key is set by the application, with no store-generated
    /// values or shadow properties, and that no other row of the step refers to by foreign key.
    /// </summary>
    public static EntityTypeBuilder<T> InsertedWithStepRows<T>(this EntityTypeBuilder<T> builder)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.HasAnnotation(EfWorkflowStore.InsertedWithStepRowsAnnotation, true);
    }

    /// <summary>
    /// SQLite has no date type and EF Core cannot order or compare <see cref="DateTimeOffset"/> there; storing UTC
    /// ticks keeps due-timer and inbox queries in SQL. Values read back are in UTC.
    /// </summary>
    public static ModelConfigurationBuilder StoreDateTimeOffsetAsUtcTicks(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
        return configurationBuilder;
    }

    /// <summary>
    /// PostgreSQL's <c>timestamptz</c> takes only UTC values (Npgsql refuses other offsets); deadlines computed in
    /// Asia/Shanghai time carry +08:00, so every instant is converted to UTC on the way in. Values read back are UTC.
    /// </summary>
    public static ModelConfigurationBuilder StoreDateTimeOffsetInUtc(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<ToUtcConverter>();
        return configurationBuilder;
    }

    private sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        v => v.ToUniversalTime(),
        v => v.ToUniversalTime());

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
