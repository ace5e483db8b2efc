using CityOps.Cases.Sla;
using CityOps.Cases.Taxonomy;

namespace CityOps.Cases.Cases.Sla;

/// <summary>
/// Stage limits (<c>Cases:Sla</c>) in working minutes per urgency (DOMAIN.md §6.1: Fuzhou ≤1 working hour for
/// register+dispatch and for accepting; Taiyuan 30 / 10 min non-emergency / emergency; check 1 h). The handling limit
/// comes from the code's local configuration.
/// </summary>
public sealed class CaseSlaOptions
{
    public const string SectionName = "Cases:Sla";

    public int DispatchMinutes { get; set; } = 60;

    public int DispatchMinutesUrgent { get; set; } = 30;

    public int DispatchMinutesEmergency { get; set; } = 10;

    public int AcceptMinutes { get; set; } = 60;

    public int AcceptMinutesUrgent { get; set; } = 30;

    public int AcceptMinutesEmergency { get; set; } = 10;

    public int CheckMinutes { get; set; } = 60;

    /// <summary>Green while at most this share of the limit is used (default 0.80).</summary>
    public decimal YellowAbove { get; set; } = 0.80m;

    /// <summary>Yellow while at most this share is used, red beyond (default 1.00).</summary>
    public decimal RedAbove { get; set; } = 1.00m;

    /// <summary>The light thresholds as the SLA calculator takes them.</summary>
    public SlaThresholds Thresholds => new(YellowAbove, RedAbove);

    /// <summary>Handling limit of a code without local configuration.</summary>
    public decimal DefaultHandlingWorkingDays { get; set; } = 3;

    public TimeLimit LimitFor(SlaStage stage, Urgency urgency, LocalCodeConfig? config) => stage switch
    {
        SlaStage.Dispatch => Minutes(urgency switch
        {
            Urgency.Emergency => DispatchMinutesEmergency,
            Urgency.Urgent => DispatchMinutesUrgent,
            _ => DispatchMinutes,
        }),
        SlaStage.Accept => Minutes(urgency switch
        {
            Urgency.Emergency => AcceptMinutesEmergency,
            Urgency.Urgent => AcceptMinutesUrgent,
            _ => AcceptMinutes,
        }),
        SlaStage.Check => Minutes(CheckMinutes),
        _ => config?.HandlingLimit ?? new TimeLimit(DefaultHandlingWorkingDays, TimeUnit.WorkingDays),
    };

    private static TimeLimit Minutes(int minutes) => new(minutes, TimeUnit.WorkingMinutes);
}
