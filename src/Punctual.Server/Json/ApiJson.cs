using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Server.Json;

/// <summary>The API's JSON conventions: snake_case names (the config file's), nulls written, enums as text.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = false,
        Converters = { new InstantConverter() },
    };
}
