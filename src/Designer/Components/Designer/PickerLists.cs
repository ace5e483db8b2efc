namespace CityOps.Designer.Components.Designer;

/// <summary>Suggestions for the property panel's pickers (a datalist each), keyed by UI hint.</summary>
/// <param name="ByHint">UI hint (department-picker, role-picker, code-picker, variable-picker) → (value, label).</param>
public sealed record PickerLists(IReadOnlyDictionary<string, IReadOnlyList<(string Value, string Label)>> ByHint)
{
    public static PickerLists None { get; } = new(new Dictionary<string, IReadOnlyList<(string, string)>>());

    public IReadOnlyList<(string Value, string Label)> For(string hint) => ByHint.GetValueOrDefault(hint) ?? [];
}
