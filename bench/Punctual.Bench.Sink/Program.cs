using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Punctual.Bench.Sink;

// Usage: Punctual.Bench.Sink [--port N] [--url-file PATH]
// Listens on 127.0.0.1 (port 0 = any free port), writes its base URL to --url-file once it listens, and serves:
//   ANY  /hit…      an attempt: recorded (arrival time, Idempotency-Key, Punctual-Scheduled-For, Punctual-Attempt), 200;
//                   with ?delay_ms=N the answer comes N ms later (an endpoint that takes time: attempts stay in flight)
//   POST /_reset    forget every arrival
//   POST /_report   ReportQuery (JSON) → ArrivalReport (JSON)
//   POST /_arrivals ReportQuery (JSON; KeyPrefix only) → [{ "key", "at", "attempt" }] in arrival order
//   GET  /_stats    { "count", "peak_in_flight", "peak_connections" }
//   GET  /healthz   200
var port = 0;
string? urlFile = null;
for (var i = 0; i < args.Length - 1; i++)
{
    switch (args[i])
    {
        case "--port":
            port = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        case "--url-file":
            urlFile = args[++i];
            break;
    }
}

var log = new ArrivalLog();
var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxConcurrentConnections = null;
    kestrel.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
    kestrel.Listen(IPAddress.Loopback, port, listen =>
    {
        listen.Protocols = HttpProtocols.Http1;
        listen.Use(next => async connection =>
        {
            log.OpenConnection();
            try
            {
                await next(connection);
            }
            finally
            {
                log.CloseConnection();
            }
        });
    });
});

var app = builder.Build();
var clock = TimeProvider.System;
app.Run(context =>
{
    var path = context.Request.Path.Value ?? "";
    if (path.StartsWith("/hit", StringComparison.Ordinal))
    {
        // The arrival instant is taken first, before anything else this handler does.
        var at = clock.GetUtcNow();
        log.EnterRequest();
        var delayed = false;
        try
        {
            var headers = context.Request.Headers;
            log.Add(new Arrival(at, headers["Idempotency-Key"].ToString(), Header(headers, "Punctual-Scheduled-For"), Header(headers, "Punctual-Attempt")));
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentLength = 0;
            if (int.TryParse(context.Request.Query["delay_ms"], System.Globalization.CultureInfo.InvariantCulture, out var delayMs) && delayMs > 0)
            {
                delayed = true;
                return AnswerLaterAsync(delayMs);
            }

            return Task.CompletedTask;
        }
        finally
        {
            if (!delayed)
            {
                log.ExitRequest();
            }
        }
    }

    return path switch
    {
        "/_reset" => Reset(context),
        "/_report" => ReportAsync(context),
        "/_arrivals" => ArrivalsAsync(context),
        "/_stats" => context.Response.WriteAsJsonAsync(new { count = log.Count, peak_in_flight = log.PeakInFlight, peak_connections = log.PeakConnections }),
        "/healthz" => context.Response.WriteAsync("ok"),
        _ => NotFound(context),
    };
});

await app.StartAsync();
var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
if (urlFile is not null)
{
    // Written whole, then renamed: a reader never sees half a URL.
    await File.WriteAllTextAsync(urlFile + ".tmp", url);
    File.Move(urlFile + ".tmp", urlFile, overwrite: true);
}

Console.WriteLine($"sink listening on {url}");
await app.WaitForShutdownAsync();
return 0;

static string? Header(IHeaderDictionary headers, string name) =>
    headers.TryGetValue(name, out var value) ? value.ToString() : null;

Task Reset(HttpContext context)
{
    log.Reset();
    context.Response.StatusCode = StatusCodes.Status204NoContent;
    return Task.CompletedTask;
}

async Task ReportAsync(HttpContext context)
{
    var query = context.Request.ContentLength is > 0
        ? await JsonSerializer.DeserializeAsync<ReportQuery>(context.Request.Body, json, context.RequestAborted)
        : null;
    var report = ArrivalReport.Make(log.Snapshot(), query ?? new ReportQuery(null, null, null, null), log.PeakInFlight, log.PeakConnections);
    await context.Response.WriteAsJsonAsync(report, json, context.RequestAborted);
}

async Task AnswerLaterAsync(int delayMs)
{
    try
    {
        await Task.Delay(TimeSpan.FromMilliseconds(delayMs), clock);
    }
    finally
    {
        log.ExitRequest();
    }
}

async Task ArrivalsAsync(HttpContext context)
{
    var query = context.Request.ContentLength is > 0
        ? await JsonSerializer.DeserializeAsync<ReportQuery>(context.Request.Body, json, context.RequestAborted)
        : null;
    var prefix = query?.KeyPrefix ?? "";
    var selected = log.Snapshot()
        .Where(a => (a.Key ?? "").StartsWith(prefix, StringComparison.Ordinal))
        .Select(a => new { key = a.Key, at = a.At, attempt = a.Attempt });
    await context.Response.WriteAsJsonAsync(selected, json, context.RequestAborted);
}

static Task NotFound(HttpContext context)
{
    context.Response.StatusCode = StatusCodes.Status404NotFound;
    return Task.CompletedTask;
}
