using System.Globalization;
using System.Net;

namespace Punctual.Client;

/// <summary>
/// The typed client of Punctual's REST API (<c>/api/v1</c>). Thread-safe; create one per server and reuse it.
/// Every call is bounded by <see cref="PunctualClientOptions.RequestTimeout"/> (and the connect timeout), so no call
/// hangs. Failures: <see cref="PunctualApiException"/> when the server refuses (4xx/5xx, with its problem
/// document), <see cref="PunctualUnreachableException"/> when no answer comes.
/// </summary>
public sealed partial class PunctualClient : IDisposable
{
    private readonly ApiTransport _transport;

    /// <param name="baseUri">The server, e.g. <c>http://127.0.0.1:5080</c> (a path prefix is kept).</param>
    /// <param name="apiKey">A bearer API key; null only for unauthenticated calls such as <see cref="GetHealthAsync"/>.</param>
    /// <param name="options">Timeouts, handler and clock; defaults when null.</param>
    public PunctualClient(Uri baseUri, string? apiKey, PunctualClientOptions? options = null)
    {
        _transport = new ApiTransport(baseUri, apiKey, http: null, options ?? new PunctualClientOptions());
    }

    /// <summary>Uses <paramref name="httpClient"/> (which the caller owns and disposes) instead of a client of its own.</summary>
    public PunctualClient(Uri baseUri, string? apiKey, HttpClient httpClient, PunctualClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        _transport = new ApiTransport(baseUri, apiKey, httpClient, options ?? new PunctualClientOptions());
    }

    /// <summary>The server's base address, always ending with '/'.</summary>
    public Uri BaseUri => _transport.Server;

    /// <summary><c>GET /healthz</c> (no key needed): ok once the store is migrated and the loops run.</summary>
    public async Task<Health> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        var answer = await _transport.SendAsync(HttpMethod.Get, "healthz", null, cancellationToken).ConfigureAwait(false);
        return ApiTransport.Read<Health>(answer);
    }

    public void Dispose() => _transport.Dispose();

    private async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(HttpMethod.Get, Api(path), null, cancellationToken).ConfigureAwait(false);
        return ApiTransport.Read<T>(answer);
    }

    private async Task<(T Value, HttpStatusCode Status)> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        var answer = await _transport.SendAsync(method, Api(path), body, cancellationToken).ConfigureAwait(false);
        return (ApiTransport.Read<T>(answer), answer.Status);
    }

    private Task SendWithoutAnswerAsync(HttpMethod method, string path, CancellationToken cancellationToken) =>
        _transport.SendAsync(method, Api(path), null, cancellationToken);

    private static string Api(string path) => "api/v1/" + path;

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private static string Segment(long id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Builds <c>?a=1&amp;b=2</c> from the pairs whose value is set; empty when none is.</summary>
    private static string Query(params (string Name, string? Value)[] pairs)
    {
        var set = pairs.Where(p => p.Value is not null).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return set.Count == 0 ? "" : "?" + string.Join('&', set);
    }

    private static string? Text(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Text(bool value) => value ? "true" : "false";

    /// <summary>An instant as the API reads it: UTC, milliseconds, 'Z'.</summary>
    private static string InstantText(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
