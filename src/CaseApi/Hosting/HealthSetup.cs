using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CityOps.CaseApi.Hosting;

/// <summary><c>/health</c>: overall status plus one entry per check, as JSON a load balancer and a person can read.</summary>
internal static class HealthSetup
{
    public static void MapCityOpsHealth(this WebApplication app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResponseWriter = async (http, report) =>
            {
                http.Response.ContentType = "application/json";
                var body = new
                {
                    status = report.Status.ToString(),
                    durationMs = report.TotalDuration.TotalMilliseconds,
                    checks = report.Entries.ToDictionary(e => e.Key, e => new
                    {
                        status = e.Value.Status.ToString(),
                        description = e.Value.Description,
                        error = e.Value.Exception?.Message,
                        data = e.Value.Data.Count == 0 ? null : e.Value.Data,
                    }),
                };
                await JsonSerializer.SerializeAsync(http.Response.Body, body, JsonSerializerOptions.Web, http.RequestAborted);
            },
        });
}
