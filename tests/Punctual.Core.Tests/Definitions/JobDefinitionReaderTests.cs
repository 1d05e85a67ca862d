using Punctual.Core.CatchUp;
using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Retries;
using Punctual.Core.Scheduling;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

public sealed class JobDefinitionReaderTests
{
    private static JobDefinition Read(string json, string? contextName = null)
    {
        var result = JobDefinitionReader.Read(Json.Parse(json), "", contextName);
        Assert.True(result.Ok, string.Join(" | ", result.Errors));
        return result.Value!;
    }

    private static Punctual.Core.Targets.HttpTargetSpec Http(JobDefinition job) => Assert.IsType<Punctual.Core.Targets.HttpTargetSpec>(job.Target);

    [Fact]
    public void Read_AMinimalJob_FillsInEveryDefault()
    {
        var job = Read("""{ "name": "nightly", "schedule": "0 2 * * *", "target": { "url": "https://example.test/hook" } }""");

        Assert.Equal("nightly", job.Name);
        Assert.Null(job.Description);
        Assert.Equal(new CronSpec("0 2 * * *"), job.Schedule);
        Assert.Equal("UTC", job.TimeZone);
        Assert.Equal(TimeSpan.Zero, job.Jitter);
        Assert.Equal(new Punctual.Core.Targets.HttpTargetSpec("POST", "https://example.test/hook", [], null), job.Target);
        Assert.Equal(TimeSpan.FromSeconds(30), job.Timeout);
        Assert.Equal(new RetryPolicy(3, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), null, []), job.Retry);
        Assert.Equal(OverlapPolicy.Forbid, job.Overlap);
        Assert.Equal(CatchUpPolicy.Latest, job.CatchUp);
        Assert.Equal(TimeSpan.FromDays(1), job.CatchUpWindow);
        Assert.Null(job.OncePer);
        Assert.Null(job.Start);
        Assert.Null(job.End);
        Assert.Null(job.MaxRuns);
        Assert.False(job.PauseOnFailure);
    }

    [Fact]
    public void Read_AFullJob_ReadsEveryField()
    {
        var job = Read("""
            {
              "name": "monthly-invoices",
              "description": "Invoices.\nOnce a month.",
              "schedule": "0 9 * * *",
              "timezone": "Europe/Paris",
              "jitter": "5m",
              "target": {
                "method": "put",
                "url": "https://billing.internal/tasks/invoices",
                "headers": { "X-Tenant": "acme", "Authorization": "Bearer ${env:BILLING_TOKEN}" },
                "body": { "kind": "monthly", "n": 1.50, "tags": ["a", "b"] }
              },
              "timeout": "45s",
              "retry": { "attempts": 5, "backoff": "10s..10m", "within": "6h", "on_status": [409, 404, 409] },
              "overlap": "buffer_one",
              "catch_up": "all",
              "catch_up_window": "6h",
              "once_per": "month",
              "start": "2026-01-01T00:00:00+01:00",
              "end": "2027-01-01T00:00:00Z",
              "max_runs": 12,
              "pause_on_failure": true
            }
            """);

        Assert.Equal("Invoices.\nOnce a month.", job.Description);
        Assert.Equal("Europe/Paris", job.TimeZone);
        Assert.Equal(TimeSpan.FromMinutes(5), job.Jitter);
        Assert.Equal("PUT", Http(job).Method);
        Assert.Equal([new("Authorization", "Bearer ${env:BILLING_TOKEN}"), new("X-Tenant", "acme")], Http(job).Headers);
        Assert.Equal("""{"kind":"monthly","n":1.50,"tags":["a","b"]}""", Http(job).BodyJson);
        Assert.Equal(TimeSpan.FromSeconds(45), job.Timeout);
        Assert.Equal(new RetryPolicy(5, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10), TimeSpan.FromHours(6), [404, 409]), job.Retry);
        Assert.Equal(OverlapPolicy.BufferOne, job.Overlap);
        Assert.Equal(CatchUpPolicy.All, job.CatchUp);
        Assert.Equal(TimeSpan.FromHours(6), job.CatchUpWindow);
        Assert.Equal(OncePerPeriod.Month, job.OncePer);
        Assert.Equal(Utc.At("2025-12-31T23:00:00Z"), job.Start);
        Assert.Equal(Utc.At("2027-01-01T00:00:00Z"), job.End);
        Assert.Equal(12, job.MaxRuns);
        Assert.True(job.PauseOnFailure);
    }

    [Fact]
    public void Read_WithoutSchedule_IsAnOnDemandJob() =>
        Assert.Null(Read("""{ "name": "manual", "target": { "url": "https://example.test/" } }""").Schedule);

    [Fact]
    public void Read_Every_WithAnchor_AnchorsTheInterval() =>
        Assert.Equal(
            new EverySpec(TimeSpan.FromMinutes(90), Utc.At("2026-06-01T08:00:00Z")),
            Read("""{ "name": "j", "every": "90m", "anchor": "2026-06-01T10:00:00+02:00", "target": { "url": "https://example.test/" } }""").Schedule);

    [Fact]
    public void Read_Every_WithoutAnchor_LeavesTheAnchorToTheJobsCreation() =>
        Assert.Equal(new EverySpec(TimeSpan.FromHours(1), null), Read("""{ "name": "j", "every": "1h", "target": { "url": "https://example.test/" } }""").Schedule);

    [Fact]
    public void Read_At_IsASingleFire() =>
        Assert.Equal(
            new AtSpec(Utc.At("2026-12-01T09:00:00.123Z")),
            Read("""{ "name": "j", "at": "2026-12-01T09:00:00.1239Z", "target": { "url": "https://example.test/" } }""").Schedule);

    [Theory]
    [InlineData("  0  9 * *   * ", "0 9 * * *")]
    [InlineData("@daily", "@daily")]
    [InlineData("*/10 * * * * *", "*/10 * * * * *")]
    [InlineData("0 9 LW * *", "0 9 LW * *")]
    public void Read_Schedule_NormalisesSpacing(string cron, string expected) =>
        Assert.Equal(new CronSpec(expected), Read($$"""{ "name": "j", "schedule": "{{cron}}", "target": { "url": "https://example.test/" } }""").Schedule);

    [Fact]
    public void Read_NullFields_CountAsAbsent()
    {
        var job = Read("""{ "name": "j", "description": null, "timezone": null, "retry": null, "jitter": null, "target": { "url": "https://example.test/", "body": null } }""");

        Assert.Equal("UTC", job.TimeZone);
        Assert.Equal(RetryPolicy.Default, job.Retry);
        Assert.Null(Http(job).BodyJson);
    }

    [Fact]
    public void Read_ContextName_NamesTheJobWhenTheBodyDoesNot() =>
        Assert.Equal("from-url", Read("""{ "target": { "url": "https://example.test/" } }""", contextName: "from-url").Name);

    [Fact]
    public void Read_ContextNameAndMatchingBodyName_IsAccepted() =>
        Assert.Equal("same", Read("""{ "name": "same", "target": { "url": "https://example.test/" } }""", contextName: "same").Name);

    [Theory]
    [InlineData("https://example.test/")]
    [InlineData("http://localhost:8080/hook?x=1&y=2")]
    [InlineData("${env:WEBHOOK_URL}")]
    [InlineData("${env:BASE_URL}/tasks/run")]
    [InlineData("https://${env:HOST}/path")]
    [InlineData("https://example.test/hook?token=${env:HOOK_TOKEN}")]
    public void Read_Url_AcceptsHttpUrlsAndSecretReferences(string url) =>
        Assert.Equal(url, Http(Read($$"""{ "name": "j", "target": { "url": "{{url}}" } }""")).Url);

    [Theory]
    [InlineData("Authorization", "Bearer ${env:API_TOKEN}")]
    [InlineData("X-Api-Key", "${env:KEY}")]
    [InlineData("Cookie", "session=${env:SESSION}")]
    [InlineData("X-Refresh-Token", "${env:REFRESH}")]
    [InlineData("X-Request-Source", "punctual")]
    [InlineData("Accept", "application/json")]
    public void Read_Headers_AcceptsPlainValuesAndReferencedCredentials(string name, string value)
    {
        var job = Read($$"""{ "name": "j", "target": { "url": "https://example.test/", "headers": { "{{name}}": "{{value}}" } } }""");

        Assert.Equal([new(name, value)], Http(job).Headers);
    }

    [Fact]
    public void Read_UnicodeInDescriptionAndBody_IsKept()
    {
        var job = Read("""{ "name": "j", "description": "Überweisung 💶 — ok", "target": { "url": "https://example.test/", "body": { "msg": "héllo 💶" } } }""");

        Assert.Equal("Überweisung 💶 — ok", job.Description);
        Assert.Contains("msg", Http(job).BodyJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ABodyOfExactly256KiB_IsAccepted()
    {
        // {"d":"…"} is 8 bytes plus the string.
        var body = $$"""{"d":"{{new string('x', (256 * 1024) - 8)}}"}""";

        var job = Read($$"""{ "name": "j", "target": { "url": "https://example.test/", "body": {{body}} } }""");

        Assert.Equal(256 * 1024, Http(job).BodyJson!.Length);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("A1")]
    [InlineData("monthly-invoices")]
    [InlineData("v1.2_beta")]
    [InlineData("0-starts-with-digit")]
    public void Read_Name_AcceptsPlainNames(string name) =>
        Assert.Equal(name, Read($$"""{ "name": "{{name}}", "target": { "url": "https://example.test/" } }""").Name);

    [Fact]
    public void Read_Name_OfExactly100Characters_IsAccepted()
    {
        var name = new string('n', 100);

        Assert.Equal(name, Read($$"""{ "name": "{{name}}", "target": { "url": "https://example.test/" } }""").Name);
    }
}
