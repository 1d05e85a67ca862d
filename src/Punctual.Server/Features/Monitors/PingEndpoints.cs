using System.Text;
using Punctual.Server.Problems;
using Punctual.Storage;
using Punctual.Storage.Monitors;

namespace Punctual.Server.Features.Monitors;

/// <summary>
/// Healthchecks.io-compatible ping URLs, no API key needed (the token is the secret): <c>/ping/TOKEN</c> (success),
/// <c>/ping/TOKEN/start</c>, <c>/ping/TOKEN/fail</c>, <c>/ping/TOKEN/EXIT-STATUS</c> (0 success, else failure); GET or
/// POST, a POST body is kept as the ping's output (first <see cref="MaxOutputBytes"/> bytes). Tokens are never logged.
/// </summary>
public static class PingEndpoints
{
    public const int MaxOutputBytes = 10_000;

    public static void Map(IEndpointRouteBuilder app)
    {
        var pings = app.MapGroup("/ping").WithTags("Pings");
        pings.MapMethods("/{token}", ["GET", "POST"], (string token, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct) =>
            PingAsync(token, "success", null, request, store, time, ct)).WithSummary("Success ping");
        pings.MapMethods("/{token}/start", ["GET", "POST"], (string token, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct) =>
            PingAsync(token, "start", null, request, store, time, ct)).WithSummary("Start ping (start → success is the run's duration)");
        pings.MapMethods("/{token}/fail", ["GET", "POST"], (string token, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct) =>
            PingAsync(token, "fail", null, request, store, time, ct)).WithSummary("Failure ping");
        pings.MapMethods("/{token}/{status}", ["GET", "POST"], (string token, string status, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct) =>
            int.TryParse(status, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var exit) && exit is >= 0 and <= 255
                ? PingAsync(token, exit == 0 ? "success" : "fail", exit, request, store, time, ct)
                : Task.FromResult(Results.Text("unknown ping: use /ping/TOKEN, /start, /fail or an exit status 0-255\n", statusCode: StatusCodes.Status404NotFound)))
            .WithSummary("Exit-status ping: 0 is success, anything else a failure");
    }

    private static async Task<IResult> PingAsync(string token, string kind, int? exit, HttpRequest request, IPunctualStore store, TimeProvider time, CancellationToken ct)
    {
        if (!PingTokens.LooksValid(token))
        {
            return NotFound();
        }

        var output = await ReadOutputAsync(request, ct);
        var ping = await store.Monitors.RecordPingAsync(new MonitorPingRequest(null, PingTokens.Hash(token), kind, exit, output, time.GetUtcNow()), ct);
        return ping is null ? NotFound() : Results.Text("OK\n");
    }

    /// <summary>The first <see cref="MaxOutputBytes"/> bytes of a POST body as text; the rest is read and dropped.</summary>
    public static async Task<string?> ReadOutputAsync(HttpRequest request, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        var buffer = new byte[MaxOutputBytes];
        var length = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), ct)) > 0)
        {
            length += read;
            if (length == buffer.Length)
            {
                break;
            }
        }

        return length == 0 ? null : Encoding.UTF8.GetString(buffer, 0, length).Replace("\0", "", StringComparison.Ordinal);
    }

    private static IResult NotFound() => Results.Text("not found\n", statusCode: StatusCodes.Status404NotFound);
}
