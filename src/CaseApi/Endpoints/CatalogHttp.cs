using System.Reflection;
using System.Text.Json;
using CityOps.Cases.Catalog;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CityOps.CaseApi.Endpoints;

/// <summary>
/// A JSON request body bound without the framework's silent 400: a missing body or a value of the wrong type becomes
/// a field error (<c>limitAmount: …</c>) the handler returns as ProblemDetails with the others.
/// </summary>
internal sealed class Body<T>
    where T : class
{
    private Body(T? value, Dictionary<string, string[]> errors) => (Value, Errors) = (value, errors);

    public T? Value { get; }

    public Dictionary<string, string[]> Errors { get; }

    /// <summary>A body already read (the UI hands its form to the same handler the endpoint runs).</summary>
    public static Body<T> Of(T value) => new(value, []);

    public static async ValueTask<Body<T>> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Failed("body", "Send a JSON object with Content-Type: application/json.");
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(JsonSerializerOptions.Web, context.RequestAborted);
            return value is null ? Failed("body", "Required: a JSON object.") : new Body<T>(value, []);
        }
        catch (JsonException ex)
        {
            var field = CatalogHttp.FieldName((ex.Path ?? "$").TrimStart('$').TrimStart('.'));
            return Failed(field.Length == 0 ? "body" : field, "Not valid JSON, or the value has the wrong type (text, number, list or object).");
        }
    }

    private static Body<T> Failed(string field, string message) => new(null, new() { [field] = [message] });
}

internal static class CatalogHttp
{
    public const string ProblemBase = "https://cityops.example/problems/";

    /// <summary>FluentValidation's failures as a ValidationProblem keyed by the JSON field names.</summary>
    public static ValidationProblem Invalid(ValidationResult result) =>
        TypedResults.ValidationProblem(
            result.Errors.GroupBy(e => FieldName(e.PropertyName)).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
            title: "The request has invalid fields", type: ProblemBase + "validation");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields", type: ProblemBase + "validation");

    public static ValidationProblem Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult NotFound(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: detail, type: ProblemBase + code);

    public static ProblemHttpResult Conflict(string code, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail, type: ProblemBase + code);

    /// <summary>PascalCase member paths (Holidays[0].From) → the JSON spelling (holidays[0].from).</summary>
    public static string FieldName(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));

    /// <summary>A concurrent edit (revision moved, or a key taken meanwhile) answers 409 instead of 500.</summary>
    public static RouteGroupBuilder WithCatalogConflicts(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (Exception ex) when (ConflictOf(ex) is { } conflict)
            {
                return conflict;
            }
        });
        return group;
    }

    /// <summary>The 409 for a concurrent catalog edit, or null when the exception is something else.</summary>
    public static ProblemHttpResult? ConflictOf(Exception ex) => ex switch
    {
        CatalogConflictException => Conflict("catalog-conflict", ex.Message),
        DbUpdateException => Conflict("catalog-conflict", "Someone else saved a conflicting change at the same moment (same code or selectors). Reload and try again."),
        _ => null,
    };
}
