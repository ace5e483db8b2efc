using CityOps.Designer.Services;

namespace CityOps.CaseApi.Endpoints;

/// <summary><c>/api/system</c>: what this node is and what it runs on.</summary>
internal static class SystemEndpoints
{
    public static RouteGroupBuilder MapSystemEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/system").WithTags("System");
        group.MapGet("/info", GetInfo)
            .WithName("GetSystemInfo")
            .WithSummary("Version, database provider and health of this node.");
        return group;
    }

    private static async Task<Microsoft.AspNetCore.Http.HttpResults.Ok<HostStatusInfo>> GetInfo(IHostStatus status, CancellationToken cancellationToken) =>
        TypedResults.Ok(await status.GetAsync(cancellationToken));
}
