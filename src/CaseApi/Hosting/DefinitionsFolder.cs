using CityOps.CaseApi.Identity;

namespace CityOps.CaseApi.Hosting;

/// <summary>
/// Where the reference data lives. A relative <c>CityOps:DefinitionsFolder</c> is looked for in the content root and
/// its parents, so both `dotnet run --project src/CaseApi` and a published app beside a copied folder find it.
/// </summary>
internal sealed class DefinitionsFolder
{
    public DefinitionsFolder(string path) => Path = path;

    public string Path { get; }

    public string PathOf(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    public static DefinitionsFolder Resolve(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>()?.DefinitionsFolder ?? "definitions";
        if (System.IO.Path.IsPathRooted(configured))
        {
            return new DefinitionsFolder(configured);
        }

        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, configured);
            if (Directory.Exists(candidate))
            {
                return new DefinitionsFolder(candidate);
            }
        }

        throw new InvalidOperationException(
            $"The reference data folder '{configured}' was not found in {contentRoot} or any parent. Set CityOps:DefinitionsFolder.");
    }
}
