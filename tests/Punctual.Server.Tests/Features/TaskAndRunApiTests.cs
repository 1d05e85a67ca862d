using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class TaskAndRunApiTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Task_WithAKey_IsCreatedOnce()
    {
        const string body = """{ "target": { "url": "https://x.test/charge", "body": { "order": 42 } }, "delay": "5m", "key": "order-42" }""";

        var first = await _api.PostAsync("/api/v1/tasks", body);
        var second = await _api.PostAsync("/api/v1/tasks", body);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Json["id"]!.GetValue<long>(), second.Json["id"]!.GetValue<long>());
        Assert.Equal("task/order-42", first.Json["idempotency_key"]!.GetValue<string>());
        Assert.Equal("2026-03-02T08:05:00Z", first.Json["due_at"]!.GetValue<string>());
        Assert.Equal("task", first.Json["origin"]!.GetValue<string>());
        Assert.Null(first.Json["job"]);
        Assert.Single((await _api.GetAsync("/api/v1/runs")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Task_WithoutAKey_GetsItsOwnIdempotencyKey()
    {
        var run = (await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "https://x.test/" } }""")).Json;

        Assert.Equal($"task/{run["id"]!.GetValue<long>()}", run["idempotency_key"]!.GetValue<string>());
        Assert.Equal("2026-03-02T08:00:00Z", run["due_at"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{ "url": "https://x.test/" }""", "url")]
    [InlineData("""{ "target": { "url": "https://x.test/" }, "at": "2026-03-02T09:00:00Z", "delay": "1m" }""", "delay")]
    [InlineData("""{ "target": { "url": "https://x.test/" }, "delay": "-5m" }""", "delay")]
    [InlineData("""{ "target": { "url": "https://x.test/" }, "key": "" }""", "key")]
    [InlineData("""{ "target": { "url": "https://x.test/" }, "timeout": "0s" }""", "timeout")]
    [InlineData("""{ "target": { "url": "https://x.test/", "method": "BREW" } }""", "target.method")]
    public async Task InvalidTask_Is422_AndCreatesNothing(string body, string field)
    {
        Assert.Contains(field, (await _api.PostAsync("/api/v1/tasks", body)).ErrorFields());
        Assert.Empty((await _api.GetAsync("/api/v1/runs")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Runs_ArePagedNewestFirst_WithFilters()
    {
        for (var i = 0; i < 5; i++)
        {
            await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "https://x.test/" } }""");
        }

        var page1 = (await _api.GetAsync("/api/v1/runs?limit=2")).Json;
        var ids1 = page1["items"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();
        var page2 = (await _api.GetAsync($"/api/v1/runs?limit=2&cursor={page1["next_cursor"]!.GetValue<string>()}")).Json;
        var ids2 = page2["items"]!.AsArray().Select(r => r!["id"]!.GetValue<long>()).ToList();
        var page3 = (await _api.GetAsync($"/api/v1/runs?limit=2&cursor={page2["next_cursor"]!.GetValue<string>()}")).Json;

        Assert.Equal([5L, 4L], ids1);
        Assert.Equal([3L, 2L], ids2);
        Assert.Single(page3["items"]!.AsArray());
        Assert.Null(page3["next_cursor"]);
        Assert.Equal(5, (await _api.GetAsync("/api/v1/runs?state=pending&origin=task")).Json["items"]!.AsArray().Count);
        Assert.Empty((await _api.GetAsync("/api/v1/runs?state=dead")).Json["items"]!.AsArray());
    }

    [Fact]
    public async Task Cancel_APendingRun_ThenRetryIt()
    {
        var id = (await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "https://x.test/" }, "delay": "1h" }""")).Json["id"]!.GetValue<long>();

        var cancelled = await _api.PostAsync($"/api/v1/runs/{id}/cancel", null);
        Assert.Equal("cancelled", cancelled.Json["state"]!.GetValue<string>());
        (await _api.PostAsync($"/api/v1/runs/{id}/cancel", null)).Problem(HttpStatusCode.Conflict);

        var retried = await _api.PostAsync($"/api/v1/runs/{id}/retry", null);
        Assert.Equal("pending", retried.Json["state"]!.GetValue<string>());
        Assert.Equal($"task/{id}", retried.Json["idempotency_key"]!.GetValue<string>());
        (await _api.PostAsync($"/api/v1/runs/{id}/retry", null)).Problem(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task UnknownRun_Is404()
    {
        (await _api.GetAsync("/api/v1/runs/999")).Problem(HttpStatusCode.NotFound);
        (await _api.PostAsync("/api/v1/runs/999/cancel", null)).Problem(HttpStatusCode.NotFound);
        (await _api.PostAsync("/api/v1/runs/999/retry", null)).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RunDetail_IncludesAttempts()
    {
        var id = (await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "https://x.test/" } }""")).Json["id"]!.GetValue<long>();

        var detail = (await _api.GetAsync($"/api/v1/runs/{id}")).Json;

        Assert.Empty(detail["attempts"]!.AsArray());
        Assert.Equal(0, detail["attempt_count"]!.GetValue<int>());
    }
}
