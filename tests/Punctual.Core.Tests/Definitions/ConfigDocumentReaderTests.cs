using Punctual.Core.Definitions;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

public sealed class ConfigDocumentReaderTests
{
    private static ReadResult<ConfigDocument> Read(string json) => ConfigDocumentReader.Read(Json.Parse(json));

    [Fact]
    public void Read_JobsKeyedByName_NamesEachJobByItsKey()
    {
        var result = Read("""
            { "jobs": {
                "monthly-invoices": { "schedule": "0 9 * * *", "timezone": "Europe/Paris", "once_per": "month", "target": { "url": "https://billing.internal/tasks/invoices" } },
                "heartbeat": { "every": "1m", "target": { "url": "https://example.test/ping" } }
            } }
            """);

        Assert.True(result.Ok, string.Join(" | ", result.Errors));
        Assert.Equal(["monthly-invoices", "heartbeat"], result.Value!.Jobs.Select(j => j.Name));
    }

    [Fact]
    public void Read_AnEmptyDocument_DeclaresNoJobs()
    {
        var result = Read("{}");

        Assert.True(result.Ok);
        Assert.Empty(result.Value!.Jobs);
    }

    [Fact]
    public void Read_EmptyJobs_DeclaresNoJobs() =>
        Assert.Empty(Read("""{ "jobs": {} }""").Value!.Jobs);

    [Theory]
    [InlineData("""{ "jobs": { "monthly-invoices": { "target": { "url": "https://example.test/" }, "retry": { "attempts": "5" } } } }""", "jobs.monthly-invoices.retry.attempts", "expected a whole number, got a string")]
    [InlineData("""{ "jobs": { "monthly-invoices": { "target": { "url": "https://example.test/" }, "retry": { "backoff": "10m..10s" } } } }""", "jobs.monthly-invoices.retry.backoff", "minimum 10m is larger than maximum 10s")]
    [InlineData("""{ "jobs": { "a": { "schedule": "0 9 * *", "target": { "url": "https://example.test/" } } } }""", "jobs.a.schedule", "has 4 fields")]
    [InlineData("""{ "jobs": { "a": { "target": { "url": "https://example.test/", "headers": { "Authorization": "Bearer abc" } } } } }""", "jobs.a.target.headers.Authorization", "holds a credential in clear text")]
    [InlineData("""{ "jobs": { "a": { "target": {} } } }""", "jobs.a.target.url", "is required")]
    [InlineData("""{ "jobs": { "a": { "name": "b", "target": { "url": "https://example.test/" } } } }""", "jobs.a.name", "'b' does not match the job name 'a' it is given under")]
    [InlineData("""{ "jobs": { "bad name": { "target": { "url": "https://example.test/" } } } }""", "jobs.bad name.name", "is not a valid job name")]
    [InlineData("""{ "jobs": { "a": { "target": { "url": "https://example.test/" }, "gate": "host:example.test" } } }""", "jobs.a.gate", "is a host's default gate")]
    [InlineData("""{ "jobs": { "a": { "target": { "url": "https://example.test/" }, "alert": { "on": ["dead"] } } } }""", "jobs.a.alert.channels", "is required")]
    [InlineData("""{ "jobs": { "a": "0 9 * * *" } }""", "jobs.a", "expected an object, got a string")]
    [InlineData("""{ "jobs": [] }""", "jobs", "expected an object, got a list")]
    [InlineData("""{ "gates": { "billing-api": { "rate": "20/x" } } }""", "gates.billing-api.rate", "unknown unit 'x'")]
    [InlineData("""{ "gates": { "billing-api": { "burst": 5 } } }""", "gates.billing-api.rate", "required")]
    [InlineData("""{ "gates": { "bad name": { "rate": "1/s" } } }""", "gates.bad name.name", "not a valid gate name")]
    [InlineData("""{ "gates": { "g": { "rate": "1/s", "concurrency": 0 } } }""", "gates.g.concurrency", "must be between 1 and 100000")]
    [InlineData("""{ "gates": { "g": { "rate": "1/s", "max_concurrency": 3 } } }""", "gates.g.max_concurrency", "the field is called 'concurrency'")]
    [InlineData("""{ "channels": { "ops": { "type": "slack" } } }""", "channels.ops.url", "is required")]
    [InlineData("""{ "channels": { "ops": { "type": "slack", "url": "https://hooks.slack.com/services/T/B/secret" } } }""", "channels.ops.url", "reference it as ${env:NAME}")]
    [InlineData("""{ "channels": { "ops": { "type": "email", "host": "smtp.example.com", "from": "alerts@example.com", "to": ["not an address"] } } }""", "channels.ops.to[0]", "is not an e-mail address")]
    [InlineData("""{ "channels": { "ops": { "type": "email", "host": "smtp.example.com", "from": "alerts@example.com", "to": ["a@example.com"], "username": "u", "password": "hunter2" } } }""", "channels.ops.password", "must be a reference")]
    [InlineData("""{ "channels": { "ops": { "type": "pager" } } }""", "channels.ops.type", "is not one of webhook, slack, email")]
    [InlineData("""{ "monitors": { "m": { "grace": "5m" } } }""", "monitors.m.schedule", "is required")]
    [InlineData("""{ "monitors": { "m": { "period": "1h", "grace": "soon" } } }""", "monitors.m.grace", "is not a duration")]
    [InlineData("""{ "monitors": { "m": { "period": "0s" } } }""", "monitors.m.period", "must be between 1s and")]
    [InlineData("""{ "monitors": { "m": { "period": "1h", "schedule": "0 2 * * *" } } }""", "monitors.m.period", "not both")]
    [InlineData("""{ "monitor": {} }""", "monitor", "the section is called 'monitors'")]
    [InlineData("""{ "version": 1 }""", "version", "is not a known field")]
    [InlineData("""{ "job": {} }""", "job", "is not a known field")]
    public void Read_BadInput_NamesTheConfigPath(string json, string path, string reason) =>
        Json.AssertOnlyError(Read(json), path, reason);

    [Theory]
    [InlineData("a\n")]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\u0000")]
    [InlineData("jöb")]
    [InlineData("")]
    public void Read_HostileJobKeys_AreRejected(string key)
    {
        var result = Read($$"""{ "jobs": { {{Json.Quote(key)}}: { "target": { "url": "https://example.test/" } } } }""");

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Field == $"jobs.{key}.name");
    }

    [Fact]
    public void Read_DuplicateJobNames_AreRejected()
    {
        var result = Read("""{ "jobs": { "a": { "target": { "url": "https://example.test/1" } }, "a": { "target": { "url": "https://example.test/2" } } } }""");

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Field == "jobs.a" && e.Message == "appears more than once");
    }

    [Fact]
    public void Read_ProblemsInSeveralJobs_AreAllReported()
    {
        var result = Read("""
            { "jobs": {
                "a": { "timezone": "Nowhere/Land", "target": { "url": "https://example.test/" } },
                "b": { "target": { "url": "https://example.test/" }, "timeout": 30 },
                "c": { "target": { "url": "https://example.test/" } }
            }, "gates": { "g": { "rate": "fast" } } }
            """);

        Assert.Null(result.Value);
        Assert.Equal(["gates.g.rate", "jobs.a.timezone", "jobs.b.timeout"], result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Read_NotAnObject_IsRejected() =>
        Json.AssertOnlyError(Read("\"jobs\""), "", "expected an object, got a string");
}
