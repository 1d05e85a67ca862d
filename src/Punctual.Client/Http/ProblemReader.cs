using System.Net;
using System.Text;
using System.Text.Json;

namespace Punctual.Client;

/// <summary>
/// Reads the RFC 9457 body of a refusal. A body that is not a problem (a proxy's HTML page, empty) still yields a
/// problem, made from the status, so callers handle one shape.
/// </summary>
internal static class ProblemReader
{
    private const int MaxDetailLength = 300;

    public static ApiProblem Read(HttpStatusCode status, string? reasonPhrase, byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var problem = document.RootElement.Deserialize<ApiProblem>(PunctualJson.Options);
                if (problem is not null)
                {
                    return problem with { Status = problem.Status ?? (int)status, Errors = problem.Errors ?? [] };
                }
            }
        }
        catch (JsonException)
        {
            // Not a problem document: described from the status below.
        }

        var text = Encoding.UTF8.GetString(body).Trim();
        return new ApiProblem
        {
            Title = string.IsNullOrEmpty(reasonPhrase) ? status.ToString() : reasonPhrase,
            Status = (int)status,
            Detail = text.Length == 0 ? null : text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…",
        };
    }
}
