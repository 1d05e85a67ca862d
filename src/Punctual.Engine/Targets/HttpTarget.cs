using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Punctual.Core.Outcomes;
using Punctual.Core.Targets;
using Punctual.Core.Time;
using Punctual.Engine.Hosting;

namespace Punctual.Engine.Targets;

/// <summary>
/// Sends one attempt of an HTTP target and classifies what happened. Never throws for the endpoint's behaviour:
/// timeouts, refused connections and bad statuses are <see cref="AttemptResult"/>s. Secrets are resolved here, at
/// dispatch, and appear nowhere else (not in results, not in logs).
/// </summary>
public sealed class HttpTarget(HttpClient client, SecretSource secrets, EngineOptions options, TimeProvider time)
{
    /// <summary>The HTTP client attempts share: no redirects (a webhook's redirect is the endpoint's error), no cookies, bounded connects.</summary>
    public static HttpClient CreateClient(EngineOptions options) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = options.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = 256,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout, on the injected clock
        };

    /// <param name="abort">Cancelled when the attempt must stop early (run cancelled, lease lost, shutdown).</param>
    public async Task<AttemptResult> SendAsync(AttemptRequest request, CancellationToken abort)
    {
        if (!TryBuild(request, out var message, out var buildError))
        {
            return buildError!;
        }

        using var timeout = new CancellationTokenSource(request.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, abort);
        using (message)
        {
            try
            {
                using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
                var excerpt = await ResponseExcerpt.ReadAsync(response.Content, options.ResponseExcerptBytes, linked.Token).ConfigureAwait(false);
                return Classify(request, response, excerpt);
            }
            catch (OperationCanceledException) when (abort.IsCancellationRequested)
            {
                return AttemptResult.Transient(ErrorClasses.Cancelled, "the attempt was stopped before it finished");
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested)
            {
                return AttemptResult.Transient(ErrorClasses.Timeout, $"no complete response within {Durations.Format(request.Timeout)}");
            }
            catch (OperationCanceledException)
            {
                return AttemptResult.Transient(ErrorClasses.Timeout, $"connect timed out after {Durations.Format(options.ConnectTimeout)}");
            }
            catch (HttpRequestException e)
            {
                return AttemptResult.Transient(ErrorClasses.Connection, Describe(e));
            }
        }
    }

    private AttemptResult Classify(AttemptRequest request, HttpResponseMessage response, string? excerpt)
    {
        var status = (int)response.StatusCode;
        switch (StatusClassifier.Classify(status, request.RetryOnStatus))
        {
            case AttemptOutcome.Succeeded:
                return AttemptResult.Success(status, excerpt);
            case AttemptOutcome.Transient:
                return AttemptResult.Transient(ErrorClasses.HttpStatus, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status, RetryAfter(response), excerpt);
            default:
                return AttemptResult.Permanent(ErrorClasses.HttpStatus, $"HTTP {status} {response.ReasonPhrase}".TrimEnd(), status, excerpt);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        return null;
    }

    private bool TryBuild(AttemptRequest request, out HttpRequestMessage message, out AttemptResult? error)
    {
        message = null!;
        error = null;
        var target = request.Target as HttpTargetSpec
            ?? throw new ArgumentException("HttpTarget sends HTTP targets only.", nameof(request));
        if (!Resolve(target.Url, "url", out var url, out error))
        {
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            error = AttemptResult.Permanent(ErrorClasses.Configuration, "the target URL (after resolving ${env:…} references) is not an absolute http(s) URL");
            return false;
        }

        message = new HttpRequestMessage(new HttpMethod(target.Method), uri);
        var bodyJson = request.BodyOverrideJson ?? target.BodyJson;
        string? contentType = null;
        foreach (var (name, rawValue) in target.Headers)
        {
            if (!Resolve(rawValue, $"header {name}", out var value, out error))
            {
                message.Dispose();
                return false;
            }

            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                contentType = value;
            }
            else if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                // Content headers (Content-Language, …) belong to the body; without a body they are dropped.
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (bodyJson is not null)
        {
            if (!Resolve(bodyJson, "body", out var resolvedBody, out error))
            {
                message.Dispose();
                return false;
            }

            message.Content = BuildContent(resolvedBody, contentType, message.Content);
        }

        var headers = message.Headers;
        headers.TryAddWithoutValidation(PunctualHeaders.IdempotencyKey, request.IdempotencyKey);
        headers.TryAddWithoutValidation(PunctualHeaders.RunId, request.RunId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(PunctualHeaders.Attempt, request.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.TryAddWithoutValidation(PunctualHeaders.ScheduledFor, Instants.Format(request.ScheduledFor));
        if (request.Period is not null)
        {
            headers.TryAddWithoutValidation(PunctualHeaders.Period, request.Period);
        }

        headers.TryAddWithoutValidation(PunctualHeaders.TraceParent, TraceParent.For(request.IdempotencyKey));
        if (!headers.Contains("User-Agent"))
        {
            headers.TryAddWithoutValidation("User-Agent", PunctualHeaders.UserAgent);
        }

        return true;
    }

    /// <summary>
    /// A JSON body is sent as application/json. When the target sets its own Content-Type and the body is a JSON
    /// string, the string itself is sent (e.g. form-encoded or plain text payloads).
    /// </summary>
    private static ByteArrayContent BuildContent(string bodyJson, string? contentType, HttpContent? headerCarrier)
    {
        byte[] bytes;
        if (contentType is not null && bodyJson.StartsWith('"'))
        {
            bytes = Encoding.UTF8.GetBytes(JsonSerializer.Deserialize<string>(bodyJson)!);
        }
        else
        {
            bytes = Encoding.UTF8.GetBytes(bodyJson);
        }

        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType ?? "application/json; charset=utf-8", out var parsed)
            ? parsed
            : new MediaTypeHeaderValue("application/json");
        if (headerCarrier is not null)
        {
            foreach (var header in headerCarrier.Headers)
            {
                content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return content;
    }

    private bool Resolve(string text, string where, out string resolved, out AttemptResult? error)
    {
        error = null;
        if (SecretTemplate.TryResolve(text, secrets.Get, out resolved, out var missing))
        {
            return true;
        }

        error = AttemptResult.Permanent(ErrorClasses.Configuration, $"environment variable {missing} (referenced by the target's {where}) is not set on this node");
        return false;
    }

    private static string Describe(HttpRequestException e)
    {
        // The innermost message names the socket error ("Connection refused (127.0.0.1:9)") without any secret.
        var inner = e.InnerException?.Message;
        return inner is null || inner == e.Message ? e.Message : $"{e.Message} ({inner})";
    }
}
