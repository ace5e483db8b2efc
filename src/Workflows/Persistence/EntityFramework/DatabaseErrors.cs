using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>Recognises a unique-key violation without referencing any provider assembly.</summary>
internal static class DatabaseErrors
{
    /// <summary>A unique violation from SaveChanges (wrapped) or from a statement the store sent itself.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        DbUpdateException { InnerException: DbException db } => IsUniqueViolation(db),
        DbException db => IsUniqueViolation(db),
        _ => false,
    };

    private static bool IsUniqueViolation(DbException db)
    {
        return db.SqlState == "23505" // PostgreSQL unique_violation
            || (db.GetType().Name == "SqliteException" && db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal))
            || (db.GetType().Name == "SqlException" && (db.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
                || db.Message.Contains("PRIMARY KEY constraint", StringComparison.OrdinalIgnoreCase)));
    }
}
