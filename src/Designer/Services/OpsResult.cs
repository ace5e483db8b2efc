namespace CityOps.Designer.Services;

/// <summary>
/// What the API would have answered as ProblemDetails: status, title, detail and the field errors
/// (<c>comment</c>, <c>photos</c>, <c>form.department</c>, <c>code</c>, …).
/// </summary>
public sealed record OpsProblem(int Status, string Title, string? Detail, IReadOnlyDictionary<string, string[]> Errors)
{
    public static OpsProblem Of(int status, string title, string? detail = null) =>
        new(status, title, detail, new Dictionary<string, string[]>());

    /// <summary>The errors of one field, or none.</summary>
    public IReadOnlyList<string> For(string field) => Errors.TryGetValue(field, out var list) ? list : [];
}

/// <summary>The value of an operation, or the problem that stopped it.</summary>
public sealed record OpsResult<T>(T? Value, OpsProblem? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>Makes <see cref="OpsResult{T}"/> values.</summary>
public static class OpsResult
{
    public static OpsResult<T> Success<T>(T value) => new(value, null);

    public static OpsResult<T> Failure<T>(OpsProblem problem) => new(default, problem);
}

/// <summary>One page of rows and how many match in all.</summary>
public sealed record OpsPage<T>(IReadOnlyList<T> Items, int TotalCount);
