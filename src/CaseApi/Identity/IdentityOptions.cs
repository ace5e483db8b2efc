using System.ComponentModel.DataAnnotations;

namespace CityOps.CaseApi.Identity;

/// <summary>The <c>CityOps</c> section: which profile this node runs and the demo accounts' password.</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "CityOps";

    /// <summary><c>Demo</c> seeds the demo city's accounts into an empty Users table; <c>Production</c> seeds nothing.</summary>
    public DeploymentProfile Profile { get; set; } = DeploymentProfile.Demo;

    /// <summary>Password of every demo account (Demo profile only).</summary>
    [Required]
    [MinLength(8)]
    public string DemoPassword { get; set; } = "cityops-demo";

    /// <summary>Folder with reference data (definitions/); relative paths are searched upwards from the content root.</summary>
    [Required]
    public string DefinitionsFolder { get; set; } = "definitions";
}

/// <summary>What a node is for.</summary>
public enum DeploymentProfile
{
    Demo,
    Production,
}
