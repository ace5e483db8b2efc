using CityOps.Cases.Cases.Duplicates;
using CityOps.Cases.Cases.Sla;
using CityOps.Workflows;
using CityOps.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace CityOps.Cases.Activities;

/// <summary>The city's activity catalog and what it needs, registered in one call.</summary>
public static class CityActivities
{
    /// <summary>
    /// Adds the city activities, the working-time deadline calculator (engine deadlines count the city calendar) and
    /// the case options (<c>Cases:Sla</c>, <c>Cases:Duplicates</c>).
    /// </summary>
    public static WorkflowsBuilder AddCityActivities(this WorkflowsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<IDeadlineCalculator, WorkingTimeDeadlineCalculator>();
        builder.Services.AddOptions<CaseSlaOptions>().BindConfiguration(CaseSlaOptions.SectionName).ValidateOnStart();
        builder.Services.AddOptions<DuplicateOptions>().BindConfiguration(DuplicateOptions.SectionName).ValidateOnStart();
        return builder
            .AddActivity<RecordReport>()
            .AddActivity<StartSlaClock>()
            .AddActivity<AssignCaseTask>()
            .AddActivity<AssignAssistTasks>()
            .AddActivity<AutoDispatch>()
            .AddActivity<AssignDepartment>()
            .AddActivity<ReturnCase>()
            .AddActivity<RequestExtension>()
            .AddActivity<ExtendDeadline>()
            .AddActivity<SuspendCase>()
            .AddActivity<RestoreCase>()
            .AddActivity<CountRework>()
            .AddActivity<IssueSupervisionOrder>()
            .AddActivity<CloseCase>();
    }
}
