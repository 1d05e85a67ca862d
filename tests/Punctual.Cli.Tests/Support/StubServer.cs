using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Punctual.Cli.Tests.Support;

/// <summary>A request the stub received.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string Body);

/// <summary>
/// A real Kestrel on 127.0.0.1 (a free port) that answers canned payloads shaped like docs/api.md: a stand-in
/// for the server at the process edge, so CLI tests cover real HTTP, JSON and status handling. Routes match
/// "METHOD /path?query" exactly first, then "METHOD /path"; anything else is a 404 problem.
/// </summary>
internal sealed class StubServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, Func<HttpContext, Task>> _routes;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();

    private StubServer(WebApplication app, Dictionary<string, Func<HttpContext, Task>> routes)
    {
        _app = app;
        _routes = routes;
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Completes when the first request has arrived (for tests that must act while a request hangs).</summary>
    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<StubServer> StartAsync(Action<StubRoutes> configure)
    {
        var routes = new StubRoutes();
        configure(routes);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new StubServer(app, routes.Table);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Url = new Uri(app.Urls.Single());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var pathAndQuery = context.Request.Path + context.Request.QueryString;
        _requests.Enqueue(new RecordedRequest(context.Request.Method, pathAndQuery, context.Request.Headers.Authorization.ToString(), body));
        FirstRequest.TrySetResult();
        if (_routes.TryGetValue($"{context.Request.Method} {pathAndQuery}", out var handler)
            || _routes.TryGetValue($"{context.Request.Method} {context.Request.Path}", out handler))
        {
            await handler(context);
            return;
        }

        await StubRoutes.Write(context, 404, Payloads.Problem(404, "not-found", "Not found", $"no route {pathAndQuery} in the stub"), problem: true);
    }
}

/// <summary>The canned answers of a <see cref="StubServer"/>.</summary>
internal sealed class StubRoutes
{
    public Dictionary<string, Func<HttpContext, Task>> Table { get; } = new(StringComparer.Ordinal);

    /// <summary>Answers <paramref name="route"/> ("GET /api/v1/jobs") with JSON; 4xx/5xx answers are sent as problem+json.</summary>
    public StubRoutes Json(string route, int status, string json)
    {
        Table[route] = context => Write(context, status, json, problem: status >= 400);
        return this;
    }

    public StubRoutes NoContent(string route)
    {
        Table[route] = context =>
        {
            context.Response.StatusCode = 204;
            return Task.CompletedTask;
        };
        return this;
    }

    /// <summary>Accepts the request and never answers (until the client goes away).</summary>
    public StubRoutes Hang(string route)
    {
        Table[route] = async context =>
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The client gave up, as it should.
            }
        };
        return this;
    }

    public StubRoutes Raw(string route, int status, string contentType, string body)
    {
        Table[route] = async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };
        return this;
    }

    internal static async Task Write(HttpContext context, int status, string json, bool problem)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = problem ? "application/problem+json" : "application/json";
        await context.Response.WriteAsync(json);
    }
}
