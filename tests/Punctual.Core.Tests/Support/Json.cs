using System.Text.Json;
using Punctual.Core.Definitions;

namespace Punctual.Core.Tests.Support;

internal static class Json
{
    /// <summary>Parses JSON text into a detached element (duplicate keys kept, as a raw request body would have them).</summary>
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>JSON string literal for arbitrary text (escapes quotes and control characters).</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text);

    /// <summary>Asserts the result failed with an error on exactly <paramref name="field"/> whose message contains <paramref name="reason"/>.</summary>
    public static FieldError AssertError<T>(ReadResult<T> result, string field, string reason)
        where T : class
    {
        Assert.False(result.Ok);
        Assert.Null(result.Value);
        var error = Assert.Single(result.Errors, e => e.Field == field);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        return error;
    }

    /// <summary>Asserts the result failed with exactly one error, on <paramref name="field"/>, whose message contains <paramref name="reason"/>.</summary>
    public static void AssertOnlyError<T>(ReadResult<T> result, string field, string reason)
        where T : class
    {
        Assert.False(result.Ok);
        Assert.True(result.Errors.Count == 1, "expected exactly one error, got: " + string.Join(" | ", result.Errors));
        AssertError(result, field, reason);
    }
}
