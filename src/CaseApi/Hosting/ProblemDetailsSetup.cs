using Microsoft.AspNetCore.Http.Features;

namespace CityOps.CaseApi.Hosting;

/// <summary>Every error leaves the node as RFC 9457 ProblemDetails with a trace id and the request path.</summary>
internal static class ProblemDetailsSetup
{
    public static IServiceCollection AddCityOpsProblemDetails(this IServiceCollection services) =>
        services.AddExceptionHandler<EngineExceptionHandler>().AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Instance ??= ctx.HttpContext.Request.Path;
            ctx.ProblemDetails.Extensions.TryAdd("traceId", ctx.HttpContext.Features.Get<IHttpActivityFeature>()?.Activity.Id ?? ctx.HttpContext.TraceIdentifier);
            if (ctx.ProblemDetails.Status == StatusCodes.Status404NotFound && string.IsNullOrEmpty(ctx.ProblemDetails.Detail))
            {
                ctx.ProblemDetails.Detail = $"No resource at '{ctx.HttpContext.Request.Path}'. The API is described at /openapi/v1.json and browsable at /api-docs.";
            }
        });
}
