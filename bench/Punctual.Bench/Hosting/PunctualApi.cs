using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Punctual.Bench.Hosting;

/// <summary>
/// Raw HTTP access to one server's API with the admin key. Bodies are prepared by the caller (often serialized
/// once, ahead of the timed part), so the driver spends as little CPU as possible while the server is measured.
/// Every call is bounded by <see cref="RequestTimeout"/>.
/// </summary>
internal sealed class PunctualApi : IDisposable
{
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(120);

    private readonly HttpClient _http;

    public PunctualApi(Uri baseUrl, string apiKey, int maxConnections)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxConnections,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseCookies = false,
        })
        {
            BaseAddress = baseUrl,
            Timeout = RequestTimeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
    }

    public Uri BaseUrl => _http.BaseAddress!;

    /// <summary>Sends and returns the status and body; throws only when no answer comes.</summary>
    public async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string path, byte[]? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Sends and throws unless the status is one of <paramref name="expected"/> (2xx when none is given).</summary>
    public async Task<string> SendCheckedAsync(HttpMethod method, string path, byte[]? json, CancellationToken cancellationToken, params HttpStatusCode[] expected)
    {
        var (status, body) = await SendAsync(method, path, json, cancellationToken);
        var ok = expected.Length == 0 ? (int)status is >= 200 and < 300 : expected.Contains(status);
        if (!ok)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)status}: {Truncate(body)}");
        }

        return body;
    }

    public async Task<JsonNode?> GetJsonAsync(string path, CancellationToken cancellationToken) =>
        JsonNode.Parse(await SendCheckedAsync(HttpMethod.Get, path, null, cancellationToken));

    public static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    public void Dispose() => _http.Dispose();

    private static string Truncate(string text) => text.Length <= 500 ? text : text[..500] + "…";
}
