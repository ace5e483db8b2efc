namespace CityOps.Workflows.Persistence;

/// <summary>
/// Which tasks to list: those for the group OR the person (either may be null, not both), ordered by
/// <see cref="WorkflowTaskRecord.CreatedAt"/> then <see cref="WorkflowTaskRecord.Id"/>.
/// </summary>
/// <param name="AssigneeGroup">Tasks whose assignee group equals this.</param>
/// <param name="AssigneePerson">Tasks whose assignee person or claimant equals this.</param>
/// <param name="IncludeClosed">Also list completed and cancelled tasks (default: only open and claimed).</param>
/// <param name="Skip">Rows to skip.</param>
/// <param name="Take">Page size.</param>
public sealed record TaskQuery(
    string? AssigneeGroup,
    string? AssigneePerson,
    bool IncludeClosed = false,
    int Skip = 0,
    int Take = 50);

/// <summary>One page of results and the total count matching the query.</summary>
/// <typeparam name="T">Row type.</typeparam>
/// <param name="Items">The rows in this page.</param>
/// <param name="TotalCount">Rows matching the query across all pages.</param>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);
