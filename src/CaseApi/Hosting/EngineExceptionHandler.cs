using System.Text.Json;
using CityOps.Workflows.Persistence;
using CityOps.Workflows.Runtime;
using FluentValidation;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CityOps.CaseApi.Hosting;

/// <summary>
/// Turns the engine's typed exceptions into ProblemDetails with a stable <c>code</c>, so every endpoint can let them
/// propagate: not found → 404, races and wrong states → 409, validation → 400 listing each field.
/// </summary>
internal sealed class EngineExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            ValidationException v => Validation(v),
            WorkflowNotFoundException => Problem(StatusCodes.Status404NotFound, "not-found", "Not found", exception.Message),
            TaskAlreadyCompletedException => Problem(StatusCodes.Status409Conflict, "task-already-completed", "Task already completed", exception.Message),
            TaskClaimedByAnotherException => Problem(StatusCodes.Status409Conflict, "task-claimed-by-another", "Task claimed by someone else", exception.Message),
            WorkflowStateException => Problem(StatusCodes.Status409Conflict, "invalid-state", "Not possible in the current state", exception.Message),
            WorkflowConcurrencyException => Problem(StatusCodes.Status409Conflict, "concurrency-conflict", "Changed by someone else",
                "Another request changed this workflow at the same time and the retries were used up. Reload and try again."),
            BadHttpRequestException { InnerException: JsonException json } => Problem(StatusCodes.Status400BadRequest, "malformed-json", "Malformed JSON", json.Message),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string code, string title, string detail) =>
        new() { Status = status, Title = title, Detail = detail, Type = $"https://cityops.example/problems/{code}", Extensions = { ["code"] = code } };

    private static ValidationProblemDetails Validation(ValidationException exception)
    {
        var errors = exception.Errors
            .GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "body" : e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
        return new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = $"{errors.Count} field(s) failed validation; see errors.",
            Type = "https://cityops.example/problems/validation",
            Extensions = { ["code"] = "validation" },
        };
    }
}
