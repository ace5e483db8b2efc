using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CityOps.Workflows.Persistence.EntityFramework;

/// <summary>
/// Value comparers for list properties stored as primitive collections (JSON columns). EF's default comparer for them
/// compiles to an expression with a nested lambda, and a compiled nested lambda creates a new delegate from a
/// DynamicMethod on every call: every DetectChanges on a tracked task or case paid that (about 3 % of the case loop's
/// CPU plus finalizer work in a profile). These call plain static methods instead; the semantics are the same
/// (element-wise equality, copy as snapshot).
/// </summary>
public static class ListComparers
{
    public static ValueComparer<List<T>> For<T>() => new(
        (a, b) => AreEqual(a, b),
        v => HashOf(v),
        v => Copy(v));

    public static bool AreEqual<T>(List<T>? a, List<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    public static int HashOf<T>(List<T>? list)
    {
        var hash = new HashCode();
        foreach (var item in list ?? [])
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    public static List<T> Copy<T>(List<T>? list) => list is null ? null! : [.. list];
}
