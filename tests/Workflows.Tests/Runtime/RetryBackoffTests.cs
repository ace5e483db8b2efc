using System.Reflection;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Workflows.Tests.Runtime;

/// <summary>A step that loses optimistic-concurrency races is re-run (after a jittered wait) until it commits or the retries run out.</summary>
public sealed class RetryBackoffTests
{
    [Fact]
    public async Task CompleteTask_CommitConflictsTwice_IsRetriedWithBackoffAndSucceeds()
    {
        var failures = new FailingCommits();
        await using var host = new WorkflowHost(s =>
        {
            s.AddSingleton<InMemoryWorkflowStore>();
            s.AddSingleton(sp => failures.Wrap(sp.GetRequiredService<InMemoryWorkflowStore>()));
            s.Configure<WorkflowRuntimeOptions>(o => (o.MaxConcurrencyRetries, o.ConcurrencyRetryBaseDelay) = (3, TimeSpan.FromMilliseconds(1)));
        });
        var instance = await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");

        failures.FailNext(2);
        var result = await host.CompleteAsync(task, "Approve", new { note = "n" });

        Assert.False(result.Replayed);
        Assert.Equal(0, failures.Remaining);
        Assert.Equal(3, failures.Attempts);
        Assert.Equal(WorkflowStatus.Finished, (await host.InstanceAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task CompleteTask_ConflictsBeyondTheRetryCount_Throws()
    {
        var failures = new FailingCommits();
        await using var host = new WorkflowHost(s =>
        {
            s.AddSingleton<InMemoryWorkflowStore>();
            s.AddSingleton(sp => failures.Wrap(sp.GetRequiredService<InMemoryWorkflowStore>()));
            s.Configure<WorkflowRuntimeOptions>(o => (o.MaxConcurrencyRetries, o.ConcurrencyRetryBaseDelay) = (1, TimeSpan.FromMilliseconds(1)));
        });
        await host.StartAsync("human-task", new { reporter = "x" });
        var task = await host.SingleOpenTaskAsync("reviewers");

        failures.FailNext(5);
        await Assert.ThrowsAsync<WorkflowConcurrencyException>(() => host.CompleteAsync(task, "Approve", new { note = "n" }));

        Assert.Equal(2, failures.Attempts); // the first try and one retry
    }

    /// <summary>Makes the next <see cref="Remaining"/> commits fail as if another writer got there first.</summary>
    private sealed class FailingCommits
    {
        public int Remaining { get; private set; }

        /// <summary>Commits seen since <see cref="FailNext"/>.</summary>
        public int Attempts { get; private set; }

        public void FailNext(int count) => (Remaining, Attempts) = (count, 0);

        public IWorkflowStore Wrap(IWorkflowStore inner)
        {
            var proxy = DispatchProxy.Create<IWorkflowStore, Proxy>();
            ((Proxy)(object)proxy).Init(inner, this);
            return proxy;
        }

        internal bool NextCommitFails()
        {
            Attempts++;
            if (Remaining <= 0)
            {
                return false;
            }

            Remaining--;
            return true;
        }
    }

#pragma warning disable CA1852 // DispatchProxy needs a non-sealed type
    private class Proxy : DispatchProxy
#pragma warning restore CA1852
    {
        private IWorkflowStore? _inner;
        private FailingCommits? _failures;

        public void Init(IWorkflowStore inner, FailingCommits failures) => (_inner, _failures) = (inner, failures);

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            targetMethod!.Name == nameof(IWorkflowStore.CommitAsync) && _failures!.NextCommitFails()
                ? Task.FromException(new WorkflowConcurrencyException("test: another writer was first"))
                : targetMethod.Invoke(_inner, args);
    }
}
