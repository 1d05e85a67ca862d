using System.Text.Json;
using CsCheck;
using Punctual.Core.CatchUp;
using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.OncePer;
using Punctual.Core.Overlap;
using Punctual.Core.Retries;
using Punctual.Core.Scheduling;
using Punctual.Core.Targets;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

public sealed class JobDefinitionWriterTests
{
    private static JobDefinition Read(string json)
    {
        var result = JobDefinitionReader.Read(Json.Parse(json), "", null);
        Assert.True(result.Ok, string.Join(" | ", result.Errors));
        return result.Value!;
    }

    [Fact]
    public void ToJson_OfAMinimalJob_IsTheCanonicalTextWithEveryDefault() =>
        Assert.Equal(
            """{"name":"nightly","schedule":"0 2 * * *","timezone":"UTC","jitter":"0s","target":{"method":"POST","url":"https://example.test/hook","headers":{}},"timeout":"30s","retry":{"attempts":3,"backoff":"10s..10m","on_status":[]},"overlap":"forbid","catch_up":"latest","catch_up_window":"1d","pause_on_failure":false}""",
            JobDefinitionWriter.ToJson(Read("""{ "name": "nightly", "schedule": "0 2 * * *", "target": { "url": "https://example.test/hook" } }""")));

    public static TheoryData<string> Documents => new()
    {
        """{ "name": "minimal", "target": { "url": "https://example.test/" } }""",
        """
        {
          "name": "monthly-invoices", "description": "Line one.\nLine two — ünïcödé 💶 <b>&'\"",
          "schedule": "0 9 * * *", "timezone": "Europe/Paris", "jitter": "90s",
          "target": {
            "method": "patch", "url": "https://billing.internal/tasks/invoices?x=1&y=${env:Y}",
            "headers": { "X-Tenant": "acme", "Authorization": "Bearer ${env:BILLING_TOKEN}", "accept": "application/json" },
            "body": { "kind": "monthly", "amount": 1.50, "nested": { "list": [1, "two", null, true] }, "secret": "${env:S}", "emoji": "💶" }
          },
          "timeout": "1m30s",
          "retry": { "attempts": 5, "backoff": "500ms..2h", "within": "6h", "on_status": [409, 404] },
          "overlap": "replace", "catch_up": "all", "catch_up_window": "12h", "once_per": "month",
          "start": "2026-01-01T00:00:00+01:00", "end": "2027-01-01T00:00:00.250Z", "max_runs": 12, "pause_on_failure": true
        }
        """,
        """{ "name": "ticker", "every": "90m", "anchor": "2026-06-01T10:00:00.5+02:00", "once_per": "6h", "target": { "url": "${env:URL}", "body": "plain string body" } }""",
        """{ "name": "ticker2", "every": "1w2d", "once_per": "week", "catch_up": "skip", "overlap": "allow", "target": { "url": "https://example.test/", "body": [1, 2, 3] } }""",
        """{ "name": "once", "at": "2026-12-01T09:00:00Z", "once_per": "day", "target": { "method": "GET", "url": "http://localhost:8080/" } }""",
        """{ "name": "macro", "schedule": "@hourly", "timezone": "America/New_York", "overlap": "buffer_one", "target": { "url": "https://example.test/", "body": 0 } }""",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void ToJson_ThenRead_ThenToJson_IsIdentical(string document)
    {
        var first = JobDefinitionWriter.ToJson(Read(document));

        var reread = JobDefinitionWriter.FromJson(first);
        var second = JobDefinitionWriter.ToJson(reread);

        Assert.Equal(first, second);
        Assert.Equal(Read(document), reread);
    }

    [Fact]
    public void ToJson_OfEquivalentDocuments_IsTheSame()
    {
        var a = Read("""
            { "name": "j", "schedule": "0  9 * * *", "every": null, "timeout": "90s", "retry": { "on_status": [409, 404, 404], "attempts": 3 },
              "anchor": null, "target": { "headers": { "X-B": "2", "x-a": "1" }, "url": "https://example.test/", "method": "post", "body": { "k" : [ 1 , 2 ] } } }
            """);
        var b = Read("""
            { "target": { "url": "https://example.test/", "body": {"k":[1,2]}, "headers": { "x-a": "1", "X-B": "2" } },
              "retry": { "attempts": 3, "backoff": "10s..10m", "on_status": [404, 409] }, "timeout": "1m30s", "name": "j", "schedule": "0 9 * * *", "timezone": "UTC" }
            """);

        Assert.Equal(JobDefinitionWriter.ToJson(a), JobDefinitionWriter.ToJson(b));
        Assert.Equal(a, b);
    }

    [Fact]
    public void ToJson_WritesInstantsInUtcAndDurationsCanonically()
    {
        using var document = JsonDocument.Parse(JobDefinitionWriter.ToJson(Read(
            """{ "name": "j", "every": "90m", "anchor": "2026-06-01T10:00:00+02:00", "timeout": "60s", "target": { "url": "https://example.test/" } }""")));
        var root = document.RootElement;

        Assert.Equal("1h30m", root.GetProperty("every").GetString());
        Assert.Equal("2026-06-01T08:00:00Z", root.GetProperty("anchor").GetString());
        Assert.Equal("1m", root.GetProperty("timeout").GetString());
    }

    [Fact]
    public void ToJson_DefinitionsThatDiffer_HaveDifferentText()
    {
        var a = JobDefinitionWriter.ToJson(Read("""{ "name": "j", "target": { "url": "https://example.test/" } }"""));
        var b = JobDefinitionWriter.ToJson(Read("""{ "name": "j", "target": { "url": "https://example.test/" }, "retry": { "attempts": 4 } }"""));

        Assert.NotEqual(a, b);
    }

    [Fact]
    public void FromJson_OfAnInvalidStoredDefinition_ThrowsNamingTheProblem()
    {
        var error = Assert.Throws<InvalidDataException>(() => JobDefinitionWriter.FromJson("""{ "name": "j" }"""));

        Assert.Contains("target: is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFields_LetsTheCallerAddState()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            JobDefinitionWriter.WriteFields(writer, Read("""{ "name": "j", "target": { "url": "https://example.test/" } }"""));
            writer.WriteBoolean("paused", true);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("j", document.RootElement.GetProperty("name").GetString());
        Assert.True(document.RootElement.GetProperty("paused").GetBoolean());
    }

    [Fact]
    public void RoundTrip_HoldsForRandomDefinitions()
    {
        var names = Gen.Int[1, 40].SelectMany(n => Gen.Char["abcXYZ019._-"].Array[n]).Where(c => char.IsAsciiLetterOrDigit(c[0])).Select(c => new string(c));
        var durations = Gen.Long[1, 86_400_000].Select(TimeSpan.FromMilliseconds);
        var schedules = Gen.OneOf<ScheduleSpec?>(
            Gen.OneOf("0 9 * * *", "*/15 * * * *", "@daily", "0 9 L * *", "0 0 9 ? * MON#2").Select(c => (ScheduleSpec?)new CronSpec(c)),
            Gen.Long[1, 864_000].Select(s => (ScheduleSpec?)new EverySpec(TimeSpan.FromSeconds(s), null)),
            Gen.Long[0, 1_000_000_000].Select(s => (ScheduleSpec?)new EverySpec(TimeSpan.FromSeconds(60), Utc.At("2000-01-01T00:00:00Z").AddMilliseconds(s * 7))),
            Gen.Long[0, 1_000_000_000].Select(s => (ScheduleSpec?)new AtSpec(Utc.At("2000-01-01T00:00:00Z").AddSeconds(s))),
            Gen.Const((ScheduleSpec?)null));
        var retries =
            from attempts in Gen.Int[1, 100]
            from min in Gen.Long[10, 86_400_000]
            from max in Gen.Long[min, 86_400_000]
            from within in Gen.Long[0, 1_000].Select(s => s == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(s))
            from onStatus in Gen.Int[400, 499].Array[0, 4]
            select new RetryPolicy(attempts, TimeSpan.FromMilliseconds(min), TimeSpan.FromMilliseconds(max), within, onStatus.Distinct().Order().ToList());
        var definitions =
            from name in names
            from schedule in schedules
            from zone in Gen.OneOf("UTC", "Europe/Paris", "America/New_York")
            from jitter in Gen.Long[0, 86_400].Select(TimeSpan.FromSeconds)
            from timeout in Gen.Long[100, 3_600_000].Select(TimeSpan.FromMilliseconds)
            from retry in retries
            from overlap in Gen.Enum<OverlapPolicy>()
            from catchUp in Gen.Enum<CatchUpPolicy>()
            from window in Gen.Long[60, 86_400].Select(TimeSpan.FromSeconds)
            from oncePer in Gen.OneOf<OncePerPeriod?>(Gen.Const((OncePerPeriod?)null), Gen.Const<OncePerPeriod?>(OncePerPeriod.Day), Gen.Const<OncePerPeriod?>(OncePerPeriod.Week), durations.Select(d => { OncePerPeriod.TryParse(Punctual.Core.Time.Durations.Format(d), out var p, out _); return (OncePerPeriod?)p; }))
            from maxRuns in Gen.Int[0, 1_000]
            from pause in Gen.Bool
            select new JobDefinition(
                name, null, schedule, zone, jitter,
                new HttpTargetSpec("POST", "https://example.test/", [], null),
                timeout, retry, overlap, catchUp, window, oncePer,
                null, null, schedule is null || maxRuns == 0 ? null : maxRuns, pause);

        definitions.Sample(definition =>
        {
            var json = JobDefinitionWriter.ToJson(definition);
            var reread = JobDefinitionWriter.FromJson(json);

            Assert.Equal(definition, reread);
            Assert.Equal(json, JobDefinitionWriter.ToJson(reread));
        }, iter: 1_000);
    }
}
