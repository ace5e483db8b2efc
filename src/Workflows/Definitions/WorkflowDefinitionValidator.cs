using System.Text.Json;
using System.Text.RegularExpressions;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Expressions;
using FluentValidation;
using FluentValidation.Results;

namespace CityOps.Workflows.Definitions;

/// <summary>
/// Checks a definition before publish and on import. Every failure names the activity and the field, e.g.
/// <c>root.activities[hotline].inputs.title</c>, so the designer can point at it.
/// </summary>
internal sealed partial class WorkflowDefinitionValidator : AbstractValidator<WorkflowDefinition>
{
    private readonly IActivityRegistry _registry;

    public WorkflowDefinitionValidator(IActivityRegistry registry)
    {
        _registry = registry;
        RuleFor(d => d.DefinitionId).Matches(SlugPattern()).WithMessage("definitionId must be a slug (lower-case letters, digits, '-', '_', '.').");
        RuleFor(d => d.Name).NotEmpty();
        RuleFor(d => d.Root).NotNull();
        RuleFor(d => d).Custom((definition, context) =>
        {
            if (definition.Root is null)
            {
                return;
            }

            foreach (var failure in Check(definition.Root))
            {
                context.AddFailure(failure);
            }
        });
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex SlugPattern();

    private static string At(string id) => $"root.activities[{id}]";

    private List<ValidationFailure> Check(FlowchartDefinition root)
    {
        var failures = new List<ValidationFailure>();
        void Fail(string property, string message) => failures.Add(new ValidationFailure(property, message));

        if (root.Type != FlowchartDefinition.FlowchartType)
        {
            Fail("root.type", $"The root must be a {FlowchartDefinition.FlowchartType}.");
        }

        var known = new Dictionary<string, (ActivityDefinition Node, ActivityDescriptor Descriptor)>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var activity in root.Activities ?? [])
        {
            if (string.IsNullOrWhiteSpace(activity.Id))
            {
                Fail("root.activities[].id", "Every activity needs an id.");
                continue;
            }

            if (!seen.Add(activity.Id))
            {
                Fail($"{At(activity.Id)}.id", $"Activity id '{activity.Id}' is used more than once.");
                continue;
            }

            present.Add(activity.Id);
            var descriptor = _registry.Find(activity.Type, activity.Version);
            if (descriptor is null)
            {
                Fail($"{At(activity.Id)}.type", $"Activity '{activity.Id}' has unknown type {activity.Type} v{activity.Version}.");
                continue;
            }

            known[activity.Id] = (activity, descriptor);
            CheckInputs(activity, descriptor, Fail);
        }

        var starts = known.Values.Where(k => k.Descriptor.IsStart).Select(k => k.Node.Id).ToList();
        if (starts.Count == 0)
        {
            Fail("root.activities", "The flowchart needs exactly one Start activity; it has none.");
        }

        foreach (var extra in starts.Skip(1))
        {
            Fail($"{At(extra)}.type", $"Activity '{extra}' is a second Start; a flowchart has exactly one.");
        }

        var edges = CheckConnections(root.Connections ?? [], present, known, Fail);
        if (starts.Count == 1)
        {
            CheckGraph(starts[0], known, edges, Fail);
        }

        return failures;
    }

    private static void CheckInputs(ActivityDefinition activity, ActivityDescriptor descriptor, Action<string, string> fail)
    {
        var inputs = activity.Inputs ?? new Dictionary<string, InputDefinition>();
        foreach (var required in descriptor.Inputs.Where(i => i.Required && !inputs.ContainsKey(i.Name)))
        {
            fail($"{At(activity.Id)}.inputs.{required.Name}", $"Activity '{activity.Id}' needs input '{required.Name}'.");
        }

        foreach (var (name, input) in inputs)
        {
            var property = $"{At(activity.Id)}.inputs.{name}";
            if (descriptor.Inputs.All(i => i.Name != name))
            {
                fail(property, $"'{name}' is not an input of {descriptor.Type} (activity '{activity.Id}').");
                continue;
            }

            var expression = input?.Expression;
            if (expression?.Type == ExpressionDefinition.JavaScript)
            {
                var error = expression.Value.ValueKind == JsonValueKind.String
                    ? JavaScriptEvaluator.FindSyntaxError(expression.Value.GetString()!)
                    : "the script must be a string";
                if (error is not null)
                {
                    fail(property, $"The script of '{name}' on activity '{activity.Id}' does not parse: {error}");
                }
            }
            else if (expression?.Type != ExpressionDefinition.Literal)
            {
                fail($"{property}.expression.type", $"Input '{name}' on activity '{activity.Id}' must be Literal or JavaScript.");
            }
        }

        if (descriptor.DynamicOutcomesInput is { } listInput && inputs.GetValueOrDefault(listInput) is { } list
            && (list.Expression?.Type != ExpressionDefinition.Literal || list.Expression.Value.ValueKind != JsonValueKind.Array))
        {
            fail($"{At(activity.Id)}.inputs.{listInput}", $"Input '{listInput}' on activity '{activity.Id}' defines ports, so it must be a literal list.");
        }

        if (descriptor.Type == "CityOps.Switch" && inputs.GetValueOrDefault("cases")?.Expression is { Value.ValueKind: JsonValueKind.Array } cases)
        {
            var index = 0;
            foreach (var item in cases.Value.EnumerateArray())
            {
                var condition = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("condition", out var c) && c.ValueKind == JsonValueKind.String
                    ? JavaScriptEvaluator.FindSyntaxError(c.GetString()!)
                    : "each case needs a name and a condition script";
                if (condition is not null)
                {
                    fail($"{At(activity.Id)}.inputs.cases[{index}].condition", $"Case {index} of activity '{activity.Id}': {condition}");
                }

                index++;
            }
        }
    }
}
