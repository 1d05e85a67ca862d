using Punctual.Core.Definitions;
using Punctual.Core.Retries;
using Punctual.Core.Tasks;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

public sealed class TaskDefinitionReaderTests
{
    private static readonly DateTimeOffset Now = Utc.At("2026-06-01T09:00:00.1234567Z");

    private static ReadResult<TaskDefinition> Read(string json) => TaskDefinitionReader.Read(Json.Parse(json), Now);

    private static TaskDefinition ReadOk(string json)
    {
        var result = Read(json);
        Assert.True(result.Ok, string.Join(" | ", result.Errors));
        return result.Value!;
    }

    [Fact]
    public void Read_WithOnlyATarget_IsDueNowWithDefaults()
    {
        var task = ReadOk("""{ "target": { "url": "https://example.test/once" } }""");

        Assert.Equal(Utc.At("2026-06-01T09:00:00.123Z"), task.DueAt);
        Assert.Null(task.Key);
        Assert.Equal(TimeSpan.FromSeconds(30), task.Timeout);
        Assert.Equal(RetryPolicy.Default, task.Retry);
        Assert.Equal("https://example.test/once", task.Target.Url);
    }

    [Fact]
    public void Read_WithDelay_IsDueThatMuchLater() =>
        Assert.Equal(Utc.At("2026-06-01T09:10:00.123Z"), ReadOk("""{ "target": { "url": "https://example.test/" }, "delay": "10m" }""").DueAt);

    [Fact]
    public void Read_WithAFutureAt_IsDueThen() =>
        Assert.Equal(Utc.At("2026-06-01T12:05:00Z"), ReadOk("""{ "target": { "url": "https://example.test/" }, "at": "2026-06-01T14:05:00+02:00" }""").DueAt);

    [Fact]
    public void Read_WithAPastAt_IsDueNow() =>
        Assert.Equal(Utc.At("2026-06-01T09:00:00.123Z"), ReadOk("""{ "target": { "url": "https://example.test/" }, "at": "2020-01-01T00:00:00Z" }""").DueAt);

    [Fact]
    public void Read_WithKeyTimeoutAndRetry_KeepsThem()
    {
        var task = ReadOk("""{ "target": { "url": "https://example.test/" }, "key": "order-42", "timeout": "5s", "retry": { "attempts": 7 } }""");

        Assert.Equal("order-42", task.Key);
        Assert.Equal(TimeSpan.FromSeconds(5), task.Timeout);
        Assert.Equal(7, task.Retry.Attempts);
    }

    [Theory]
    [InlineData("""{ }""", "target", "is required")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "gate": "g h" }""", "gate", "not a valid gate name")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "gate": 5 }""", "gate", "expected a string")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "at": "2026-06-01T10:00:00Z", "delay": "1m" }""", "delay", "give either 'at' or 'delay', not both")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "at": "2036-06-01T10:00:00Z" }""", "at", "is more than ten years away")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "at": "2026-06-01T10:00:00" }""", "at", "has no offset")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "delay": 60 }""", "delay", "expected a duration string such as '30s', got the number 60")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "delay": "3651d" }""", "delay", "must be between 0s and")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "key": "" }""", "key", "must not be empty")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "key": "   " }""", "key", "must not be empty")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "key": 42 }""", "key", "expected a string, got the number 42")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "key": "a\u0000b" }""", "key", "contains control characters")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "timeout": "2h" }""", "timeout", "must be between 100ms and 1h")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "retry": { "attempts": "3" } }""", "retry.attempts", "expected a whole number, got a string")]
    [InlineData("""{ "target": { "url": "https://user:pw@example.test/" } }""", "target.url", "must not embed credentials")]
    [InlineData("""{ "target": { "url": "https://example.test/", "headers": { "Idempotency-Key": "k" } } }""", "target.headers.Idempotency-Key", "cannot be overridden")]
    [InlineData("""{ "target": { "url": "https://example.test/" }, "name": "x" }""", "name", "is not a known field")]
    public void Read_BadInput_NamesTheFieldAndTheReason(string json, string path, string reason) =>
        Json.AssertOnlyError(Read(json), path, reason);

    [Fact]
    public void Read_UrlOutsideTarget_ExplainsWhereItBelongs()
    {
        var result = Read("""{ "url": "https://example.test/" }""");

        Json.AssertError(result, "url", "put the URL inside 'target': { \"target\": { \"url\": \"…\" } }");
        Json.AssertError(result, "target", "is required");
    }

    [Fact]
    public void Read_AKeyOver200Characters_IsRejected() =>
        Json.AssertOnlyError(Read($$"""{ "target": { "url": "https://example.test/" }, "key": "{{new string('k', 201)}}" }"""), "key", "is longer than 200 characters");

    [Fact]
    public void Read_NotAnObject_IsRejected() =>
        Json.AssertOnlyError(Read("[1]"), "", "expected an object, got a list");

    [Fact]
    public void SpecJson_RoundTripsTargetTimeoutAndRetry()
    {
        var task = ReadOk("""
            { "target": { "method": "PUT", "url": "https://example.test/x", "headers": { "Authorization": "Bearer ${env:T}" }, "body": { "a": [1, "b"] } },
              "timeout": "5s", "retry": { "attempts": 4, "backoff": "1s..1m", "within": "1h", "on_status": [409] } }
            """);

        var spec = TaskDefinitionWriter.FromSpecJson(TaskDefinitionWriter.ToSpecJson(task));

        Assert.Equal(new TaskSpec(task.Target, task.Timeout, task.Retry), spec);
    }

    [Fact]
    public void SpecJson_ThatIsInvalid_ThrowsNamingTheProblem()
    {
        var error = Assert.Throws<InvalidDataException>(() => TaskDefinitionWriter.FromSpecJson("""{ "timeout": "5s" }"""));

        Assert.Contains("target: is required", error.Message, StringComparison.Ordinal);
    }
}
