using System.Text.Json;
using Punctual.Server.Problems;

namespace Punctual.Server.Json;

/// <summary>
/// Reads a JSON request body with a size cap and a depth cap, so a hostile body costs at most that much.
/// Returns the document, or the problem to answer with.
/// </summary>
public static class RequestBody
{
    /// <summary>Default cap for a request body: 1 MiB.</summary>
    public const int DefaultLimit = 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64, AllowTrailingCommas = false };

    public static async Task<(JsonDocument? Document, IResult? Problem)> ReadAsync(
        HttpRequest request, bool optional = false, int limit = DefaultLimit)
    {
        if (request.ContentType is { } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            && !type.StartsWith("application/problem+json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ApiProblem.Malformed($"expected Content-Type application/json, got '{type}'"));
        }

        if (request.ContentLength > limit)
        {
            return (null, ApiProblem.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiProblem.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        if (buffer.Length == 0)
        {
            return optional ? (null, null) : (null, ApiProblem.Malformed("the request needs a JSON body"));
        }

        try
        {
            return (JsonDocument.Parse(buffer.ToArray(), DocumentOptions), null);
        }
        catch (JsonException e)
        {
            return (null, ApiProblem.Malformed($"the body is not valid JSON: {e.Message}"));
        }
    }
}
