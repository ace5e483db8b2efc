using System.Reflection;

namespace CityOps.Workflows.Activities;

/// <summary>Builds descriptors from activity attributes, once per type at start-up.</summary>
internal static class ActivityDescriber
{
    public static ActivityDescriptor Describe(Type clrType)
    {
        if (!typeof(Activity).IsAssignableFrom(clrType) || clrType.IsAbstract)
        {
            throw new ArgumentException($"{clrType} is not a concrete Activity.", nameof(clrType));
        }

        var activity = clrType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new ArgumentException($"{clrType} has no [Activity] attribute.", nameof(clrType));
        var waiting = clrType.GetCustomAttribute<WaitingActivityAttribute>();
        var supportsDeadline = waiting?.SupportsDeadline == true;
        var inputs = clrType.GetCustomAttributes<ActivityInputAttribute>()
            .Select(a => new ActivityInputDescriptor(a.Name, a.Type, a.Required, a.UiHint, a.Description))
            .ToList();
        var dynamicOutcomes = clrType.GetCustomAttribute<DynamicOutcomesAttribute>()?.InputName;

        // Activities whose ports come from an input (HumanTask outcomes) have no implicit Done port.
        var outcomes = clrType.GetCustomAttribute<ActivityOutcomesAttribute>()?.Outcomes.ToList()
            ?? (dynamicOutcomes is null ? [ActivityDescriptor.DonePort] : []);
        if (supportsDeadline)
        {
            // Every waiting activity gets the boundary deadline the same way, so hosts' activities need no extra code.
            inputs.Add(new(ActivityDescriptor.DeadlineInput, "Duration", false, "duration",
                "ISO-8601 duration (P3D, PT4H) or an instant; when reached the Overdue port is followed."));
            inputs.Add(new(ActivityDescriptor.InterruptingInput, "Boolean", false, "expression",
                "true (default): the deadline cancels the wait; false: the wait continues."));
            outcomes.Add(ActivityDescriptor.OverduePort);
        }

        return new ActivityDescriptor(
            activity.Type,
            activity.Version,
            activity.Category,
            activity.DisplayNameZh,
            activity.DisplayNameEn,
            activity.Description,
            inputs,
            outcomes,
            dynamicOutcomes,
            waiting is not null,
            supportsDeadline,
            clrType.GetCustomAttribute<StartActivityAttribute>() is not null,
            clrType);
    }
}
