using System.Text.Encodings.Web;
using System.Text.Json;
using Punctual.Client;

namespace Punctual.Cli.Output;

/// <summary>
/// --output json: the API's JSON, pretty-printed. The client's records serialize back to what the server sent
/// (names, instants, unknown members), so scripts see the documented API shapes.
/// </summary>
internal static class JsonOutput
{
    // Relaxed escaping: the text goes to a terminal or a pipe, not into HTML, so '+' and 'é' stay readable.
    private static readonly JsonSerializerOptions Pretty = new(PunctualJson.Options)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter output, T value) => output.WriteLine(JsonSerializer.Serialize(value, Pretty));

    public static string Format(JsonElement element) => JsonSerializer.Serialize(element, Pretty);
}
