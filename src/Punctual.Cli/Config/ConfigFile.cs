using System.Text.Json;
using System.Text.Json.Nodes;
using Punctual.Cli.Invocation;

namespace Punctual.Cli.Config;

/// <summary>
/// Reads a config file ("schedules as code") into the JSON document the apply endpoint takes. A <c>.json</c> file
/// is read as JSON; anything else as YAML (which also reads most JSON). Every problem is a usage error naming the
/// file, and the line and column where there is one.
/// </summary>
internal static class ConfigFile
{
    public static JsonElement Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : e.Message;
            throw new UsageException($"cannot read {path}: {reason}");
        }

        return Parse(text, path, isJson: path.EndsWith(".json", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static JsonElement Parse(string text, string source, bool isJson)
    {
        var root = isJson ? ParseJson(text, source) : ParseYaml(text, source);
        if (root is not JsonObject)
        {
            throw new UsageException($"{source}: the top level must be a mapping, e.g. 'jobs:' followed by the jobs by name");
        }

        return JsonSerializer.SerializeToElement(root);
    }

    private static JsonNode? ParseYaml(string text, string source) => Convert(() => YamlToJson.Convert(text), source);

    private static JsonNode? ParseJson(string text, string source) => Convert(() => JsonConfigReader.Read(text), source);

    private static JsonNode? Convert(Func<JsonNode?> convert, string source)
    {
        try
        {
            return convert();
        }
        catch (ConfigConversionException e)
        {
            throw new UsageException($"{source}: {e.Message}");
        }
    }
}
