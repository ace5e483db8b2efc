using System.ComponentModel.DataAnnotations;

namespace CityOps.Cases.Cases.Duplicates;

/// <summary><c>Cases:Duplicates</c>: an open case of the same code within the radius and window is a likely duplicate.</summary>
public sealed class DuplicateOptions
{
    public const string SectionName = "Cases:Duplicates";

    [Range(0, 10_000)]
    public double RadiusMetres { get; set; } = 50;

    [Range(0, 24 * 90)]
    public double WindowHours { get; set; } = 24;

    /// <summary>Merge the report into the master case (its timeline) instead of opening a new case.</summary>
    public bool AutoMerge { get; set; }
}
