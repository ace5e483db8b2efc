using CityOps.Workflows.Persistence;

namespace CityOps.Workflows.Tests.Persistence;

/// <summary>The store compliance suite against <see cref="InMemoryWorkflowStore"/>.</summary>
public sealed class InMemoryWorkflowStoreTests : WorkflowStoreComplianceTests
{
    protected override ValueTask<IWorkflowStore> CreateStoreAsync() => ValueTask.FromResult<IWorkflowStore>(new InMemoryWorkflowStore());
}
