using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

/// <summary>The plan of an apply and whether it was carried out (false for a dry run).</summary>
public sealed record ApplyResult
{
    public bool DryRun { get; init; }

    public bool Applied { get; init; }

    public IReadOnlyList<ApplyChange> Changes { get; init; } = [];

    public ApplySummary Summary { get; init; } = new();

    /// <summary>The ping tokens of the monitors this apply created, by monitor name: shown only here, once.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? MonitorTokens { get; init; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>
/// One entry of the plan: <see cref="Kind"/> (job), <see cref="Name"/>, <see cref="Action"/> (create, update,
/// delete, unchanged) and, for an update, the top-level fields that differ.
/// </summary>
public sealed record ApplyChange
{
    public string Kind { get; init; } = "";

    public string Name { get; init; } = "";

    public string Action { get; init; } = "";

    public IReadOnlyList<string> Fields { get; init; } = [];

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? AdditionalProperties { get; init; }
}

/// <summary>How many entries of the plan have each action.</summary>
public sealed record ApplySummary
{
    public int Create { get; init; }

    public int Update { get; init; }

    public int Delete { get; init; }

    public int Unchanged { get; init; }
}
