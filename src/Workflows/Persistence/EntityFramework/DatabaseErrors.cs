using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>Recognises a unique-key violation without referencing any provider assembly.</summary>
internal static class DatabaseErrors
{
    public static bool IsUniqueViolation(DbUpdateException ex)
    {
        if (ex.InnerException is not DbException db)
        {
            return false;
        }

        return db.SqlState == "23505" // PostgreSQL unique_violation
            || (db.GetType().Name == "SqliteException" && db.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal))
            || (db.GetType().Name == "SqlException" && (db.Message.Contains("duplicate key", StringComparison.OrdinalIgnoreCase)
                || db.Message.Contains("PRIMARY KEY constraint", StringComparison.OrdinalIgnoreCase)));
    }
}
