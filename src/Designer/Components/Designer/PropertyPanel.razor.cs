using CityOps.Designer.Canvas;
using CityOps.Workflows.Activities;
using CityOps.Workflows.Definitions;
using Microsoft.AspNetCore.Components;

namespace CityOps.Designer.Components.Designer;

/// <summary>Edits the selected activity from its descriptor: name, each input as literal or JavaScript, connections.</summary>
public sealed partial class PropertyPanel
{
    private readonly Dictionary<string, InputState> _states = new(StringComparer.Ordinal);
    private CanvasNode? _shown;

    [Parameter, EditorRequired]
    public CanvasNode Node { get; set; } = default!;

    [Parameter]
    public bool English { get; set; }

    [Parameter]
    public bool ReadOnly { get; set; }

    [Parameter]
    public PickerLists Pickers { get; set; } = PickerLists.None;

    /// <summary>Other node ids a port may connect to.</summary>
    [Parameter]
    public IReadOnlyList<string> Targets { get; set; } = [];

    [Parameter]
    public IReadOnlyList<CanvasLink> Links { get; set; } = [];

    /// <summary>The node with a new name or new inputs (its ports recomputed by the caller).</summary>
    [Parameter]
    public EventCallback<CanvasNode> Changed { get; set; }

    [Parameter]
    public EventCallback<CanvasLink> Connect { get; set; }

    [Parameter]
    public EventCallback<CanvasLink> Disconnect { get; set; }

    protected override void OnParametersSet()
    {
        // Edits in progress (and their errors) survive re-renders of the same node, not a switch to another one.
        if (_shown is null || _shown.Id != Node.Id || !ReferenceEquals(_shown.Inputs, Node.Inputs))
        {
            _states.Clear();
        }

        _shown = Node;
    }

    private InputState State(ActivityInputDescriptor input)
    {
        if (!_states.TryGetValue(input.Name, out var state))
        {
            var expression = Node.Inputs?.GetValueOrDefault(input.Name)?.Expression;
            state = new InputState(expression?.Type ?? ExpressionDefinition.Literal, ExpressionText.ToText(expression, input.UiHint));
            _states[input.Name] = state;
        }

        return state;
    }

    private Task SetSyntax(ActivityInputDescriptor input, string? syntax)
    {
        var state = State(input);
        state.Syntax = syntax == ExpressionDefinition.JavaScript ? ExpressionDefinition.JavaScript : ExpressionDefinition.Literal;
        return Apply(input, state);
    }

    private Task SetText(ActivityInputDescriptor input, string? text)
    {
        var state = State(input);
        state.Text = text ?? "";
        return Apply(input, state);
    }

    private async Task Apply(ActivityInputDescriptor input, InputState state)
    {
        state.Error = null;
        if (state.Syntax == ExpressionDefinition.Literal && input.UiHint == "duration" && !ExpressionText.IsDurationOrInstant(state.Text))
        {
            state.Error = L["DesignerBadDuration"];
            return;
        }

        var (expression, error) = ExpressionText.FromText(state.Text, state.Syntax, input.Type, input.UiHint);
        if (error is not null)
        {
            state.Error = error;
            return;
        }

        var inputs = new Dictionary<string, InputDefinition>(Node.Inputs ?? new Dictionary<string, InputDefinition>(), StringComparer.Ordinal);
        if (expression is null)
        {
            inputs.Remove(input.Name);
        }
        else
        {
            inputs[input.Name] = new InputDefinition(expression);
        }

        var updated = Node with { Inputs = inputs.Count == 0 ? null : inputs };
        _shown = updated;
        await Changed.InvokeAsync(updated);
    }

    private Task Rename(string? name) =>
        Changed.InvokeAsync(Node with { Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim() });

    private Task ConnectTo(string port, string? target) =>
        string.IsNullOrEmpty(target) ? Task.CompletedTask : Connect.InvokeAsync(new CanvasLink(Node.Id, port, target));

    private sealed class InputState(string syntax, string text)
    {
        public string Syntax { get; set; } = syntax;

        public string Text { get; set; } = text;

        public string? Error { get; set; }
    }
}
