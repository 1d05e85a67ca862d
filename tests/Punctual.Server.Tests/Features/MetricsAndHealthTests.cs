using System.Net;

namespace Punctual.Server.Tests.Features;

public sealed class MetricsAndHealthTests : IAsyncLifetime
{
    private ApiHarness _api = null!;

    public async Task InitializeAsync() => _api = await ApiHarness.StartAsync();

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task Metrics_AreServedInPrometheusTextFormat_WithoutAKey()
    {
        await _api.GetAsync("/api/v1/jobs"); // a store call to measure

        var response = await _api.GetAsync("/metrics", key: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("text/plain", response.ContentType);
        Assert.Contains("# TYPE punctual_store_duration_seconds histogram", response.Body, StringComparison.Ordinal);
        Assert.Contains("operation=\"jobs.List\"", response.Body, StringComparison.Ordinal);
        Assert.Contains("punctual_attempts_in_flight", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_ShowEachGatesBacklogInFlightRateAndPause()
    {
        await _api.PutAsync("/api/v1/gates/billing", """{ "rate": "20/s", "paused": true }""");
        await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/a" }, "gate": "billing" }""");
        await _api.PostAsync("/api/v1/tasks", """{ "target": { "url": "http://127.0.0.1:9/b" }, "gate": "billing" }""");

        var body = (await _api.GetAsync("/metrics", key: null)).Body;

        Assert.Matches("punctual_gate_backlog\\{[^}]*gate=\"billing\"[^}]*\\} 2( |\n)", body);
        Assert.Matches("punctual_gate_paused\\{[^}]*gate=\"billing\"[^}]*\\} 1( |\n)", body);
        Assert.Matches("punctual_gate_in_flight\\{[^}]*gate=\"billing\"[^}]*\\} 0( |\n)", body);
        Assert.Matches("punctual_gate_effective_rate[a-z_]*\\{[^}]*gate=\"billing\"[^}]*\\} 20( |\n)", body);
    }

    [Fact]
    public async Task Readyz_IsReadyWhileTheStoreAnswers()
    {
        var response = await _api.GetAsync("/readyz", key: null);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("ready", response.Json["status"]!.GetValue<string>());
    }
}
