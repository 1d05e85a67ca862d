using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Punctual.Cli.Config;

/// <summary>
/// Converts one YAML document to JSON, faithfully: plain scalars by the YAML 1.2 core schema (<see cref="CoreSchema"/>),
/// quoted and block scalars as strings, mappings as objects, sequences as arrays, aliases expanded. Refused, with a
/// line and column: several documents, duplicate keys, non-scalar keys, tags other than the core ones, and alias
/// expansions beyond <see cref="MaxValues"/> (the "billion laughs").
/// The YAML 1.1 merge key <c>&lt;&lt;: *defaults</c> is honoured, since it is how people share settings between jobs.
/// </summary>
internal sealed class YamlToJson
{
    /// <summary>Most values (scalars and collections) a document may expand to.</summary>
    public const int MaxValues = 1_000_000;

    private const string CoreTagPrefix = "tag:yaml.org,2002:";

    private readonly IParser _parser;
    private readonly Dictionary<string, Anchored> _anchors = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private int _values;

    private YamlToJson(IParser parser) => _parser = parser;

    /// <summary>The document's JSON value (null for an empty document); throws <see cref="ConfigConversionException"/>.</summary>
    public static JsonNode? Convert(string yaml)
    {
        var converter = new YamlToJson(new Parser(new StringReader(yaml)));
        try
        {
            return converter.ReadStream();
        }
        catch (YamlException e)
        {
            throw new ConfigConversionException(e.Start.Line, e.Start.Column, Describe(e));
        }
        catch (InvalidOperationException) when (converter._parser.Current is { } last)
        {
            // YamlDotNet's scanner throws this (not a YamlException) when the text ends inside a flow collection.
            throw new ConfigConversionException(
                last.End.Line,
                last.End.Column,
                "the YAML ends inside an unclosed '{' or '[' (or an unterminated quote) after this point");
        }
    }

    private JsonNode? ReadStream()
    {
        _parser.Consume<StreamStart>();
        if (_parser.Accept<StreamEnd>(out var end))
        {
            throw Error(end.Start, "the file is empty");
        }

        _parser.Consume<DocumentStart>();
        var root = ReadNode().Node;
        _parser.Consume<DocumentEnd>();
        if (_parser.Accept<DocumentStart>(out var second))
        {
            throw Error(second.Start, "the file holds more than one YAML document ('---'); put everything in one document");
        }

        _parser.Consume<StreamEnd>();
        return root;
    }

    private Value ReadNode()
    {
        var next = _parser.Consume<ParsingEvent>();
        switch (next)
        {
            case AnchorAlias alias:
                return Expand(alias);
            case Scalar scalar:
                var value = new Value(ResolveScalar(scalar), 1, scalar.Value);
                Count(scalar, 1);
                return Remember(scalar, value);
            case SequenceStart sequence:
                return ReadSequence(sequence);
            case MappingStart mapping:
                return ReadMapping(mapping);
            default:
                throw Error(next.Start, $"unexpected {next.GetType().Name}");
        }
    }

    private Value ReadSequence(SequenceStart start)
    {
        RejectTag(start, "seq");
        Open(start);
        var array = new JsonArray();
        var size = 1;
        Count(start, 1);
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadNode();
            array.Add(item.Node);
            size += item.Size;
        }

        return Close(start, new Value(array, size, null));
    }

    private Value ReadMapping(MappingStart start)
    {
        RejectTag(start, "map");
        Open(start);
        var entries = new JsonObject();
        var firstSeen = new Dictionary<string, Mark>(StringComparer.Ordinal);
        var merged = new List<JsonObject>();
        var size = 1;
        Count(start, 1);
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var key = ReadKey();
            var value = ReadNode();
            size += value.Size;
            if (key.IsMerge)
            {
                merged.AddRange(MergeSources(key.At, value.Node));
                continue;
            }

            if (firstSeen.TryGetValue(key.Text, out var first))
            {
                throw Error(key.At, $"duplicate key '{key.Text}' (first defined on line {first.Line})");
            }

            firstSeen.Add(key.Text, key.At);
            entries.Add(key.Text, value.Node);
        }

        // Merge keys: explicit entries win; among merged mappings, the first listed wins (YAML 1.1 merge semantics).
        foreach (var source in merged)
        {
            foreach (var (name, node) in source)
            {
                if (!entries.ContainsKey(name))
                {
                    entries.Add(name, node?.DeepClone());
                }
            }
        }

        return Close(start, new Value(entries, size, null));
    }

    private Key ReadKey()
    {
        var keyEvent = _parser.Current!;
        var key = ReadNode();
        if (keyEvent is Scalar { Style: ScalarStyle.Plain, Value: "<<", Tag.IsEmpty: true })
        {
            return new Key("<<", keyEvent.Start, IsMerge: true);
        }

        return key.ScalarText is { } text
            ? new Key(text, keyEvent.Start, IsMerge: false)
            : throw Error(keyEvent.Start, "a mapping key must be a plain value, not a mapping or a list");
    }

    private static IEnumerable<JsonObject> MergeSources(Mark at, JsonNode? value) => value switch
    {
        JsonObject single => [single],
        JsonArray list when list.All(item => item is JsonObject) => list.Cast<JsonObject>().ToList(),
        _ => throw Error(at, "a merge key '<<' takes a mapping or a list of mappings (e.g. '<<: *defaults')"),
    };

    private Value Expand(AnchorAlias alias)
    {
        var name = alias.Value.Value;
        if (_open.Contains(name))
        {
            throw Error(alias.Start, $"alias '*{name}' refers to a node that contains it");
        }

        if (!_anchors.TryGetValue(name, out var anchored))
        {
            throw Error(alias.Start, $"alias '*{name}' refers to no anchor; define '&{name}' before using it");
        }

        Count(alias, anchored.Value.Size);
        return anchored.Value with { Node = anchored.Value.Node?.DeepClone() };
    }

    private JsonNode? ResolveScalar(Scalar scalar)
    {
        if (scalar.Tag.IsEmpty)
        {
            return scalar.Style == ScalarStyle.Plain ? ResolvePlain(scalar) : JsonValue.Create(scalar.Value);
        }

        var tag = scalar.Tag.Value;
        switch (tag)
        {
            case "!":
            case CoreTagPrefix + "str":
                return JsonValue.Create(scalar.Value);
            case CoreTagPrefix + "null":
                return CoreSchema.IsNull(scalar.Value) ? null : throw Error(scalar.Start, $"'{scalar.Value}' is not a null (!!null)");
            case CoreTagPrefix + "bool":
                return CoreSchema.TryBool(scalar.Value, out var flag)
                    ? JsonValue.Create(flag)
                    : throw Error(scalar.Start, $"'{scalar.Value}' is not a boolean (!!bool takes true or false)");
            case CoreTagPrefix + "int":
                return CoreSchema.TryInteger(scalar.Value, out var integer)
                    ? integer
                    : throw Error(scalar.Start, $"'{scalar.Value}' is not an integer (!!int)");
            case CoreTagPrefix + "float":
                return CoreSchema.TryInteger(scalar.Value, out var whole) ? whole
                    : ResolveFloat(scalar) ?? throw Error(scalar.Start, $"'{scalar.Value}' is not a number (!!float)");
            default:
                throw Error(scalar.Start, $"tag '{tag}' is not supported; config files use plain YAML values");
        }
    }

    private JsonNode? ResolvePlain(Scalar scalar)
    {
        try
        {
            return CoreSchema.ResolvePlain(scalar.Value);
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message);
        }
    }

    private JsonNode? ResolveFloat(Scalar scalar)
    {
        try
        {
            return CoreSchema.TryFloat(scalar.Value, out var number) ? number : null;
        }
        catch (FormatException e)
        {
            throw Error(scalar.Start, e.Message);
        }
    }

    private static void RejectTag(NodeEvent collection, string kind)
    {
        if (!collection.Tag.IsEmpty && collection.Tag.Value != "!" && collection.Tag.Value != CoreTagPrefix + kind)
        {
            throw Error(collection.Start, $"tag '{collection.Tag.Value}' is not supported; config files use plain YAML values");
        }
    }

    private void Open(NodeEvent collection)
    {
        if (!collection.Anchor.IsEmpty)
        {
            _open.Add(collection.Anchor.Value);
        }
    }

    private Value Close(NodeEvent collection, Value value)
    {
        if (!collection.Anchor.IsEmpty)
        {
            _open.Remove(collection.Anchor.Value);
        }

        return Remember(collection, value);
    }

    private Value Remember(NodeEvent node, Value value)
    {
        if (!node.Anchor.IsEmpty)
        {
            // A later anchor of the same name replaces the earlier one for the aliases after it (YAML spec).
            _anchors[node.Anchor.Value] = new Anchored(value);
        }

        return value;
    }

    private void Count(ParsingEvent at, int values)
    {
        _values += values;
        if (_values > MaxValues)
        {
            throw Error(at.Start, $"the document expands to more than {MaxValues:N0} values (aliases nested too deep?)");
        }
    }

    private static ConfigConversionException Error(Mark at, string reason) => new(at.Line, at.Column, reason);

    /// <summary>YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 20) - (…): "; the position is reported separately.</summary>
    private static string Describe(YamlException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0 ? message[(cut + 3)..] : message;
    }

    /// <summary>A converted node, how many values it counts for, and its text when it is a scalar (usable as a key).</summary>
    private readonly record struct Value(JsonNode? Node, int Size, string? ScalarText);

    private readonly record struct Anchored(Value Value);

    /// <summary>A mapping key's text, where it stands, and whether it is the merge key <c>&lt;&lt;</c>.</summary>
    private readonly record struct Key(string Text, Mark At, bool IsMerge);
}
