using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Punctual.Cli.Tests.Support;
using Punctual.Client;

namespace Punctual.Cli.Tests.Client;

/// <summary>The SDK on its own: JSON shapes, status handling, timeouts.</summary>
public sealed class PunctualClientTests
{
    /// <summary>A handler that answers every request with one canned response, or waits for cancellation.</summary>
    private sealed class CannedHandler(HttpStatusCode? status, string body, string mediaType = "application/json") : HttpMessageHandler
    {
        public TaskCompletionSource Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HttpRequestMessage? Last { get; private set; }

        public string? LastBody { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Last = request;
            LastBody = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Received.TrySetResult();
            if (status is null)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancellationToken);
            }

            return new HttpResponseMessage(status!.Value) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        }
    }

    private static PunctualClient ClientOver(HttpMessageHandler handler, TimeProvider? time = null) =>
        new(new Uri("http://punctual.test/base"), "pk_k", new PunctualClientOptions { Handler = handler, TimeProvider = time ?? TimeProvider.System });

    [Fact]
    public async Task Job_KeepsItsDefinitionWhole_WithoutStateMembers()
    {
        using var client = ClientOver(new CannedHandler(HttpStatusCode.OK, Payloads.Nightly));

        var job = await client.GetJobAsync("nightly");

        Assert.Equal("nightly", job.Name);
        Assert.Equal("0 2 * * *", job.Schedule);
        Assert.Equal(3, job.Retry!.Attempts);
        Assert.Equal(42, job.LastRun!.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 2, 0, 0, TimeSpan.Zero), job.NextFireAt);
        Assert.Equal("https://example.test/nightly", job.Definition.GetProperty("target").GetProperty("url").GetString());
        Assert.False(job.Definition.TryGetProperty("state", out _));
        Assert.False(job.Definition.TryGetProperty("last_run", out _));
    }

    [Fact]
    public async Task Requests_GoUnderTheBasePath_WithTheBearerKey()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, Payloads.Nightly);
        using var client = ClientOver(handler);

        await client.GetJobAsync("a/b");

        Assert.Equal("http://punctual.test/base/api/v1/jobs/a%2Fb", handler.Last!.RequestUri!.AbsoluteUri);
        Assert.Equal("Bearer pk_k", handler.Last.Headers.Authorization!.ToString());
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, true)]
    [InlineData(HttpStatusCode.OK, false)]
    public async Task PutJob_TellsCreatedFromReplaced(HttpStatusCode status, bool created)
    {
        using var client = ClientOver(new CannedHandler(status, Payloads.Nightly));

        var put = await client.PutJobAsync("nightly", JsonDocument.Parse("""{"schedule":"0 2 * * *"}""").RootElement);

        Assert.Equal(created, put.Created);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, true)]
    [InlineData(HttpStatusCode.OK, false)]
    public async Task CreateTask_TellsCreatedFromFoundByKey(HttpStatusCode status, bool created)
    {
        var handler = new CannedHandler(status, Payloads.TaskRun);
        using var client = ClientOver(handler);

        var task = await client.CreateTaskAsync(new TaskRequest { Target = new TaskTarget { Url = "https://example.test/hook" }, Key = "report-7" });

        Assert.Equal((created, "report-7"), (task.Created, task.Run.TaskKey));
        Assert.Equal("""{"target":{"url":"https://example.test/hook"},"key":"report-7"}""", handler.LastBody);
    }

    [Fact]
    public async Task Refusal_CarriesTheProblemAndItsFieldErrors()
    {
        var problem = Payloads.Problem(422, "invalid-input", "The request is invalid", "1 problem", ("retry.attempts", "must be between 1 and 100, got 0"));
        using var client = ClientOver(new CannedHandler(HttpStatusCode.UnprocessableEntity, problem, "application/problem+json"));

        var error = await Assert.ThrowsAsync<PunctualApiException>(() => client.CreateJobAsync(JsonDocument.Parse("{}").RootElement));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("https://punctual.dev/problems/invalid-input", error.Problem.Type);
        Assert.Equal(new ApiFieldError("retry.attempts", "must be between 1 and 100, got 0"), error.Errors.Single());
    }

    [Fact]
    public async Task AnswerThatIsNotTheDocumentedShape_IsReportedAsTheServersFault()
    {
        using var client = ClientOver(new CannedHandler(HttpStatusCode.OK, "not json"));

        var error = await Assert.ThrowsAsync<PunctualApiException>(() => client.GetRunAsync(1));

        Assert.Equal("The server's answer could not be read", error.Problem.Title);
    }

    [Fact]
    public async Task RequestTimeout_RunsOnTheInjectedClock()
    {
        var handler = new CannedHandler(status: null, "");
        var clock = new FakeTimeProvider();
        using var client = ClientOver(handler, clock);

        var call = client.ListRunsAsync();
        await handler.Received.Task.WaitAsync(TimeSpan.FromSeconds(30), TimeProvider.System);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(call.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<PunctualUnreachableException>(() => call);

        Assert.True(error.TimedOut);
        Assert.Equal("cannot reach Punctual at http://punctual.test/base: no answer within 30s", error.Message);
    }

    [Fact]
    public async Task CallersCancellation_IsNotReportedAsATimeout()
    {
        using var client = ClientOver(new CannedHandler(status: null, ""));
        using var cancel = new CancellationTokenSource();

        var call = client.ListRunsAsync(cancellationToken: cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void NonHttpBase_IsRefused() =>
        Assert.Throws<ArgumentException>(() => new PunctualClient(new Uri("ftp://example.test"), "k"));

    [Fact]
    public async Task Health_NeedsNoKey()
    {
        var handler = new CannedHandler(HttpStatusCode.OK, """{"status":"ok"}""");
        using var client = new PunctualClient(new Uri("http://punctual.test"), null, new PunctualClientOptions { Handler = handler });

        var health = await client.GetHealthAsync();

        Assert.Equal("ok", health.Status);
        Assert.Null(handler.Last!.Headers.Authorization);
        Assert.Equal("http://punctual.test/healthz", handler.Last.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public void Instants_SerializeAsTheApiWritesThem()
    {
        var run = new Run { ScheduledFor = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1)), CreatedAt = new DateTimeOffset(2026, 11, 23, 9, 0, 0, 123, TimeSpan.Zero) };

        var json = JsonSerializer.SerializeToElement(run, PunctualJson.Options);

        Assert.Equal("2026-11-23T09:00:00Z", json.GetProperty("scheduled_for").GetString());
        Assert.Equal("2026-11-23T09:00:00.123Z", json.GetProperty("created_at").GetString());
    }
}
