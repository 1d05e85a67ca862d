using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Punctual.Cli.Config;

/// <summary>
/// Reads a JSON config file strictly (comments allowed, nothing else lenient). Duplicate keys are refused with
/// their line and column, as in YAML files; System.Text.Json's own duplicate check names no position.
/// </summary>
internal static class JsonConfigReader
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <summary>The document; throws <see cref="ConfigConversionException"/> (line and column) for any problem.</summary>
    public static JsonNode? Read(string text)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        try
        {
            RejectDuplicateKeys(utf8);
            return JsonNode.Parse(utf8, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            throw new ConfigConversionException((e.LineNumber ?? 0) + 1, (e.BytePositionInLine ?? 0) + 1, cut > 0 ? message[..cut] : message);
        }
    }

    private static void RejectDuplicateKeys(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, ReaderOptions);
        var scopes = new Stack<Dictionary<string, long>?>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    scopes.Push(new Dictionary<string, long>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.StartArray:
                    scopes.Push(null);
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    scopes.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var name = reader.GetString()!;
                    var (line, column) = Position(utf8, reader.TokenStartIndex);
                    var seen = scopes.Peek()!;
                    if (seen.TryGetValue(name, out var firstLine))
                    {
                        throw new ConfigConversionException(line, column, $"duplicate key '{name}' (first defined on line {firstLine})");
                    }

                    seen.Add(name, line);
                    break;
            }
        }
    }

    /// <summary>1-based line and column (in characters) of a byte offset.</summary>
    private static (long Line, long Column) Position(byte[] utf8, long offset)
    {
        var lineStart = offset == 0 ? 0 : Array.LastIndexOf(utf8, (byte)'\n', (int)offset - 1) + 1;
        var line = 1 + utf8.AsSpan(0, lineStart).Count((byte)'\n');
        var column = 1 + Encoding.UTF8.GetCharCount(utf8, lineStart, (int)offset - lineStart);
        return (line, column);
    }
}
