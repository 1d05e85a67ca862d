using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Punctual.Testing;

/// <summary>
/// A real HTTP endpoint on loopback for tests: records every request (with its headers and arrival time) and
/// answers each from a responder function (default 200). Requests can be held open to simulate slow endpoints.
/// </summary>
public sealed class HttpSink : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SinkRequest> _requests = new();
    private readonly SemaphoreSlim _arrivals = new(0);
    private Func<SinkRequest, SinkResponse> _responder = _ => SinkResponse.Ok;
    private int _inFlight;
    private int _peakInFlight;

    private HttpSink(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SinkRequest> Requests => _requests.ToList();

    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    public static async Task<HttpSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var sink = new HttpSink(app);
        app.Run(sink.HandleAsync);
        await app.StartAsync();
        sink.BaseUrl = new Uri(app.Urls.First() + "/");
        return sink;
    }

    /// <summary>Sets how the sink answers from now on.</summary>
    public void Respond(Func<SinkRequest, SinkResponse> responder) => _responder = responder;

    /// <summary>Answers the n-th request (1-based, over all requests) with <paramref name="script"/>[n-1]; later ones with 200.</summary>
    public void RespondInOrder(params SinkResponse[] script)
    {
        var count = 0;
        Respond(_ =>
        {
            var n = Interlocked.Increment(ref count);
            return n <= script.Length ? script[n - 1] : SinkResponse.Ok;
        });
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (or the timeout passes, then throws).</summary>
    public async Task<IReadOnlyList<SinkRequest>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout, TimeProvider.System);
        while (_requests.Count < count)
        {
            try
            {
                await _arrivals.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"The sink got {_requests.Count} requests, expected {count}, within {timeout}.");
            }
        }

        return Requests;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var now = TimeProvider.System.GetUtcNow();
        var inFlight = Interlocked.Increment(ref _inFlight);
        UpdatePeak(inFlight);
        try
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToImmutableDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var request = new SinkRequest(now, context.Request.Method, context.Request.Path + context.Request.QueryString, headers, body);
            _requests.Enqueue(request);
            _arrivals.Release();
            var response = _responder(request);
            if (response.HoldUntil is { } hold)
            {
                await hold.WaitAsync(context.RequestAborted);
            }

            context.Response.StatusCode = response.Status;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            await context.Response.WriteAsync(response.Body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client went away (timeout or abort): nothing to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private void UpdatePeak(int inFlight)
    {
        int peak;
        while (inFlight > (peak = Volatile.Read(ref _peakInFlight)) && Interlocked.CompareExchange(ref _peakInFlight, inFlight, peak) != peak)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrivals.Dispose();
    }
}
