using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;

namespace Punctual.Bench.Measuring;

/// <summary>
/// The sink's own request rate on loopback: a closed-loop load generator (this process) keeps
/// <see cref="Concurrency"/> requests in flight, each shaped like an attempt (POST, the Punctual headers, no body),
/// on the same cores the engine gets. End-to-end task rates are compared with this figure.
/// </summary>
internal static class SinkLimit
{
    /// <summary>Requests in flight at once; in the range where the sink's rate is flat on 2 cores.</summary>
    public const int Concurrency = 64;

    public static async Task<JsonObject> MeasureAsync(SinkHost sink, TimeSpan warmUp, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = TimeProvider.System;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseCookies = false })
        {
            Timeout = TimeSpan.FromSeconds(10),
        };
        var url = new Uri(sink.HitUrl("limit"));
        var scheduledFor = clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        long completed = 0, failed = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task WorkerAsync(int worker)
        {
            var n = 0;
            while (!stop.IsCancellationRequested)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent([]) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.TryAddWithoutValidation("Idempotency-Key", $"limit/{worker}/{n++}");
                request.Headers.TryAddWithoutValidation("Punctual-Run-Id", "1");
                request.Headers.TryAddWithoutValidation("Punctual-Attempt", "1");
                request.Headers.TryAddWithoutValidation("Punctual-Scheduled-For", scheduledFor);
                try
                {
                    using var response = await http.SendAsync(request, stop.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref completed);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }

        var workers = Enumerable.Range(0, Concurrency).Select(i => Task.Run(() => WorkerAsync(i), CancellationToken.None)).ToList();
        await Task.Delay(warmUp, clock, cancellationToken);

        var window = CpuWindow.Start(null, sink.Pid);
        var countBefore = Interlocked.Read(ref completed);
        var started = clock.GetTimestamp();
        await Task.Delay(duration, clock, cancellationToken);
        var countAfter = Interlocked.Read(ref completed);
        var elapsed = clock.GetElapsedTime(started);
        var cpu = window.Stop();

        await stop.CancelAsync();
        await Task.WhenAll(workers);
        await sink.ResetAsync(cancellationToken);

        return new JsonObject
        {
            ["per_s"] = Math.Round((countAfter - countBefore) / elapsed.TotalSeconds),
            ["concurrency"] = Concurrency,
            ["duration_s"] = Math.Round(elapsed.TotalSeconds, 2),
            ["failed"] = Interlocked.Read(ref failed),
            ["cpu_s"] = cpu.ToJson(),
        };
    }
}
