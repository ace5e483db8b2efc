using System.Globalization;
using CityOps.Designer.Resources;
using CityOps.Designer.Services;
using Microsoft.Extensions.Localization;

namespace CityOps.Designer.Components.Operations;

/// <summary>How operations pages show times and the names of statuses, stages, lights and sources.</summary>
internal static class OpsFormat
{
    /// <summary>The city's offset (Asia/Shanghai has no daylight saving).</summary>
    public static readonly TimeSpan CityOffset = TimeSpan.FromHours(8);

    public static string Time(DateTimeOffset? at) =>
        at is { } t ? t.ToOffset(CityOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "—";

    /// <summary>Working minutes as "1d 2h 5m" (a working day is 7.5 h in the demo calendar, so days are left out).</summary>
    public static string Duration(double minutes)
    {
        var total = (int)Math.Round(Math.Abs(minutes));
        var text = total >= 60 ? $"{total / 60}h {total % 60:D2}m" : $"{total}m";
        return text;
    }

    /// <summary>The task's own name: its title without the case number the engine puts in front (立案, 部门签收 …).</summary>
    public static string TaskName(OpsTaskSummary task) =>
        task.CaseNumber is { Length: > 0 } number && task.Title.StartsWith(number + " ", StringComparison.Ordinal)
            ? task.Title[(number.Length + 1)..]
            : task.Title;

    /// <summary>The resource <c>{prefix}{value}</c>, or the value itself when there is no such key.</summary>
    public static string Name(this IStringLocalizer<UiStrings> l, string prefix, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "—";
        }

        var text = l[prefix + value];
        return text.ResourceNotFound ? value : text.Value;
    }
}
