namespace CityOps.Cases.Catalog;

/// <summary>Someone else changed the reference data between reading and saving an edit; the caller should retry.</summary>
public sealed class CatalogConflictException : Exception
{
    public CatalogConflictException()
        : this("The reference data was changed by someone else while this edit was being saved. Reload and try again.")
    {
    }

    public CatalogConflictException(string message)
        : base(message)
    {
    }

    public CatalogConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
