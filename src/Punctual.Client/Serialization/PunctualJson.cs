using System.Text.Json;

namespace Punctual.Client;

/// <summary>
/// The JSON settings of the API: snake_case names, instants as ISO-8601 UTC text. Serializing a record the client
/// returned gives back the JSON the server sent (names, values, unknown members), which is what the CLI prints.
/// </summary>
public static class PunctualJson
{
    /// <summary>Read-only options for the API's JSON; usable with <see cref="JsonSerializer"/> directly.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new InstantJsonConverter(), new JobJsonConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
