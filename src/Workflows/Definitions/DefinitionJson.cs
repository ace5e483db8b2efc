using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityOps.Workflows.Definitions;

/// <summary>Serialization of definitions in the Elsa-shaped camelCase JSON.</summary>
public static class DefinitionJson
{
    /// <summary>Options used for definitions, stimuli and instance state.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>Parses a definition; throws <see cref="JsonException"/> on malformed JSON.</summary>
    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options)
        ?? throw new JsonException("The definition JSON is null.");

    /// <summary>Writes a definition as compact JSON.</summary>
    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>
    /// Hash of what the definition does and looks like, ignoring id, version and flags, so re-importing an unchanged
    /// file is recognisable.
    /// </summary>
    public static string ContentHash(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var content = definition with { Version = 0, IsLatest = false, IsPublished = false };
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(Write(content)));
        return Convert.ToHexStringLower(bytes);
    }
}
