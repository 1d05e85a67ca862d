using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Punctual.Client;

/// <summary>
/// Sends one request and reads the whole answer under a deadline. Translates every way of not getting an answer
/// into <see cref="PunctualUnreachableException"/>, and every refusal into <see cref="PunctualApiException"/>.
/// </summary>
internal sealed class ApiTransport : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string? _apiKey;
    private readonly TimeSpan _requestTimeout;
    private readonly TimeSpan? _connectTimeout;
    private readonly TimeProvider _time;

    public ApiTransport(Uri server, string? apiKey, HttpClient? http, PunctualClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(server);
        if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"'{server}' is not an absolute http or https URL.", nameof(server));
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.RequestTimeout, TimeSpan.Zero, nameof(options.RequestTimeout));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.ConnectTimeout, TimeSpan.Zero, nameof(options.ConnectTimeout));

        // Relative paths resolve under the base only when it ends with '/' (http://host/punctual/ + api/v1/jobs).
        Server = server.AbsoluteUri.EndsWith('/') ? server : new Uri(server.AbsoluteUri + "/");
        _apiKey = apiKey;
        _requestTimeout = options.RequestTimeout;
        _time = options.TimeProvider;
        if (http is not null)
        {
            _http = http;
        }
        else if (options.Handler is not null)
        {
            _http = new HttpClient(options.Handler, disposeHandler: false);
            _ownsHttp = true;
        }
        else
        {
            _http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = options.ConnectTimeout }, disposeHandler: true);
            _ownsHttp = true;
            _connectTimeout = options.ConnectTimeout;
        }

        if (_ownsHttp)
        {
            // Our own deadline (on the injected clock) bounds every call; HttpClient's would race it.
            _http.Timeout = Timeout.InfiniteTimeSpan;
        }
    }

    /// <summary>The server's base address, ending with '/'.</summary>
    public Uri Server { get; }

    /// <summary>Sends a request; returns the status and body of a 2xx answer, throws for anything else.</summary>
    public async Task<ApiAnswer> SendAsync(HttpMethod method, string relativePath, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(Server, relativePath));
        if (_apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        if (body is not null)
        {
            var bytes = JsonSerializer.SerializeToUtf8Bytes(body, body.GetType(), PunctualJson.Options);
            request.Content = new ByteArrayContent(bytes) { Headers = { ContentType = JsonMediaType } };
        }

        using var deadline = new CancellationTokenSource(_requestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        HttpStatusCode status;
        string? reasonPhrase;
        byte[] content;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            status = response.StatusCode;
            reasonPhrase = response.ReasonPhrase;
            content = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = deadline.IsCancellationRequested
                ? $"no answer within {Describe(_requestTimeout)}"
                : _connectTimeout is { } connect ? $"no connection within {Describe(connect)}" : "the request timed out";
            throw new PunctualUnreachableException(Server, reason, timedOut: true, e);
        }
        catch (HttpRequestException e)
        {
            throw new PunctualUnreachableException(Server, ConnectionFailures.Describe(e), timedOut: false, e);
        }

        if ((int)status is >= 200 and < 300)
        {
            return new ApiAnswer(status, content);
        }

        throw new PunctualApiException(status, ProblemReader.Read(status, reasonPhrase, content));
    }

    /// <summary>Reads a 2xx answer's JSON; an answer that is not the documented shape is a server fault, reported as such.</summary>
    public static T Read<T>(ApiAnswer answer)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, PunctualJson.Options)
                ?? throw new JsonException("The answer is JSON null.");
        }
        catch (JsonException e)
        {
            throw new PunctualApiException(answer.Status, new ApiProblem
            {
                Title = "The server's answer could not be read",
                Status = (int)answer.Status,
                Detail = e.Message,
            });
        }
    }

    public void Dispose()
    {
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }

    private static string Describe(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerSecond == 0 ? $"{(long)span.TotalSeconds}s" : $"{(long)span.TotalMilliseconds}ms";
}

/// <summary>A 2xx answer: its status (201 vs 200 matters for PUT and tasks) and its raw body.</summary>
internal readonly record struct ApiAnswer(HttpStatusCode Status, byte[] Body);
