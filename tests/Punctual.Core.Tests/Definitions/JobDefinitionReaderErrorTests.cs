using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

/// <summary>Bad input: every problem gets an error naming the exact field path and a clear reason, and no definition.</summary>
public sealed class JobDefinitionReaderErrorTests
{
    private const string Url = """ "target": { "url": "https://example.test/" } """;

    private static ReadResult<JobDefinition> Read(string json, string path = "", string? contextName = null) =>
        JobDefinitionReader.Read(Json.Parse(json), path, contextName);

    /// <summary>A valid job with <paramref name="fields"/> added (or overriding nothing: keys must not repeat).</summary>
    private static ReadResult<JobDefinition> ReadWith(string fields) =>
        Read($$"""{ "name": "j", {{Url}}, {{fields}} }""");

    [Theory]
    [InlineData("\"schedule\": \"0 9 * *\"", "schedule", "'0 9 * *' has 4 fields; a cron expression has 5")]
    [InlineData("\"schedule\": \"61 * * * *\"", "schedule", "'61 * * * *' is not a valid cron expression")]
    [InlineData("\"schedule\": \"0 0 30 2 *\"", "schedule", "'0 0 30 2 *' never fires")]
    [InlineData("\"schedule\": \"0 9 * * MON#6\"", "schedule", "is not a valid cron expression")]
    [InlineData("\"schedule\": \"@fortnightly\"", "schedule", "is not a valid cron expression")]
    [InlineData("\"schedule\": \"\"", "schedule", "expected a cron expression")]
    [InlineData("\"timezone\": \"Mars/Olympus_Mons\"", "timezone", "'Mars/Olympus_Mons' is not a known IANA time zone")]
    [InlineData("\"timezone\": \"CEST\"", "timezone", "is not a known IANA time zone")]
    [InlineData("\"overlap\": \"skip\"", "overlap", "'skip' is not one of forbid, buffer_one, allow or replace")]
    [InlineData("\"catch_up\": \"none\"", "catch_up", "'none' is not one of latest, all or skip")]
    [InlineData("\"once_per\": \"year\"", "once_per", "'year' is not a period; use day, week, month or a duration")]
    [InlineData("\"timeout\": \"2h\"", "timeout", "must be between 100ms and 1h, got 2h")]
    [InlineData("\"timeout\": \"50ms\"", "timeout", "must be between 100ms and 1h, got 50ms")]
    [InlineData("\"jitter\": \"2d\"", "jitter", "must be between 0s and 1d, got 2d")]
    [InlineData("\"every\": \"500ms\"", "every", "must be between 1s and")]
    [InlineData("\"every\": \"10\"", "every", "has a number without a unit")]
    [InlineData("\"every\": \"1h30\"", "every", "has a number without a unit")]
    [InlineData("\"every\": \"1x\"", "every", "has an unknown unit 'x'")]
    [InlineData("\"every\": \"30m1h\"", "every", "repeats or misorders units")]
    [InlineData("\"every\": \"-5m\"", "every", "is not a duration")]
    [InlineData("\"every\": \"999999999w\"", "every", "is longer than the maximum")]
    [InlineData("\"catch_up_window\": \"30s\"", "catch_up_window", "must be between 1m and")]
    [InlineData("\"max_runs\": 0", "max_runs", "must be between 1 and 2147483647, got 0")]
    [InlineData("\"max_runs\": 3000000000", "max_runs", "must be between 1 and 2147483647, got 3000000000")]
    [InlineData("\"at\": \"2026-12-01T09:00:00\"", "at", "has no offset; write it in UTC with 'Z'")]
    [InlineData("\"at\": \"2026-13-01T09:00:00Z\"", "at", "is not an ISO-8601 instant")]
    [InlineData("\"start\": \"tomorrow\", \"schedule\": \"@daily\"", "start", "has no offset")]
    public void Read_InvalidValue_NamesTheFieldAndTheReason(string field, string path, string reason) =>
        Json.AssertOnlyError(ReadWith(field), path, reason);

    [Theory]
    [InlineData("\"timeout\": 30", "timeout", "expected a duration string such as '30s', got the number 30 (write '30s' for seconds)")]
    [InlineData("\"every\": 60", "every", "expected a duration string such as '30s', got the number 60")]
    [InlineData("\"jitter\": true", "jitter", "expected a duration string such as '30s', got a boolean")]
    [InlineData("\"max_runs\": \"5\"", "max_runs", "expected a whole number, got a string")]
    [InlineData("\"max_runs\": 1.5", "max_runs", "expected a whole number, got the number 1.5")]
    [InlineData("\"pause_on_failure\": \"yes\"", "pause_on_failure", "expected true or false, got a string")]
    [InlineData("\"description\": 42", "description", "expected a string, got the number 42")]
    [InlineData("\"schedule\": [\"0 9 * * *\"]", "schedule", "expected a string, got a list")]
    [InlineData("\"timezone\": {}", "timezone", "expected a string, got an object")]
    [InlineData("\"retry\": 3", "retry", "expected an object, got the number 3")]
    [InlineData("\"retry\": { \"attempts\": \"5\" }", "retry.attempts", "expected a whole number, got a string")]
    [InlineData("\"retry\": { \"attempts\": 0 }", "retry.attempts", "must be between 1 and 100, got 0")]
    [InlineData("\"retry\": { \"attempts\": 101 }", "retry.attempts", "must be between 1 and 100, got 101")]
    [InlineData("\"retry\": { \"within\": 3600 }", "retry.within", "expected a duration string")]
    [InlineData("\"retry\": { \"within\": \"0s\" }", "retry.within", "must be between 1s and")]
    [InlineData("\"retry\": { \"on_status\": \"404\" }", "retry.on_status", "expected a list of numbers, got a string")]
    [InlineData("\"retry\": { \"on_status\": [404, 200] }", "retry.on_status[1]", "expected a whole number between 400 and 499, got the number 200")]
    [InlineData("\"retry\": { \"on_status\": [\"404\"] }", "retry.on_status[0]", "got a string")]
    [InlineData("\"retry\": { \"backoff\": 10 }", "retry.backoff", "expected a string, got the number 10")]
    public void Read_WrongType_NamesTheFieldAndWhatWasGiven(string field, string path, string reason) =>
        Json.AssertOnlyError(ReadWith(field), path, reason);

    [Theory]
    [InlineData("10m..10s", "minimum 10m is larger than maximum 10s")]
    [InlineData("10s", "'10s' is not a range; write min..max such as '10s..10m'")]
    [InlineData("1s..2s..3s", "is not a range")]
    [InlineData("x..10s", "minimum: 'x' is not a duration")]
    [InlineData("10s..forever", "maximum: 'forever' is not a duration")]
    [InlineData("1ms..1s", "must lie between 10ms and 1d")]
    [InlineData("10s..2d", "must lie between 10ms and 1d")]
    public void Read_BadBackoff_NamesRetryBackoff(string backoff, string reason) =>
        Json.AssertOnlyError(ReadWith($$""" "retry": { "backoff": "{{backoff}}" } """), "retry.backoff", reason);

    [Theory]
    [InlineData("\"schedule\": \"@daily\", \"every\": \"1h\"", "every", "a job has one schedule; 'schedule' and 'every' are both set")]
    [InlineData("\"schedule\": \"@daily\", \"at\": \"2026-12-01T09:00:00Z\"", "at", "a job has one schedule; 'schedule' and 'at' are both set")]
    [InlineData("\"every\": \"1h\", \"at\": \"2026-12-01T09:00:00Z\"", "at", "a job has one schedule; 'every' and 'at' are both set")]
    [InlineData("\"schedule\": \"@daily\", \"every\": \"1h\", \"anchor\": \"2026-12-01T09:00:00Z\"", "every", "a job has one schedule")]
    public void Read_TwoSchedules_IsOneClearError(string fields, string path, string reason) =>
        Json.AssertOnlyError(ReadWith(fields), path, reason);

    [Theory]
    [InlineData("\"schedule\": \"@daily\", \"anchor\": \"2026-12-01T09:00:00Z\"")]
    [InlineData("\"at\": \"2026-12-01T09:00:00Z\", \"anchor\": \"2026-12-01T09:00:00Z\"")]
    [InlineData("\"anchor\": \"2026-12-01T09:00:00Z\"")]
    public void Read_AnchorWithoutEvery_IsOneClearError(string fields) =>
        Json.AssertOnlyError(ReadWith(fields), "anchor", "only applies to an 'every' schedule");

    [Theory]
    [InlineData("\"start\": \"2026-01-01T00:00:00Z\"")]
    [InlineData("\"end\": \"2026-01-01T00:00:00Z\"")]
    [InlineData("\"max_runs\": 3")]
    public void Read_LifetimeWithoutSchedule_NamesSchedule(string field) =>
        Json.AssertOnlyError(ReadWith(field), "schedule", "start, end and max_runs only apply to a job with a schedule");

    [Theory]
    [InlineData("2026-06-01T00:00:00Z", "2026-05-01T00:00:00Z")]
    [InlineData("2026-06-01T00:00:00Z", "2026-06-01T00:00:00Z")]
    [InlineData("2026-06-01T02:00:00+02:00", "2026-06-01T00:00:00Z")]
    public void Read_EndNotAfterStart_NamesEnd(string start, string end) =>
        Json.AssertOnlyError(ReadWith($$""" "schedule": "@daily", "start": "{{start}}", "end": "{{end}}" """), "end", "must be after start");

    [Fact]
    public void Read_MissingTarget_IsRequired() =>
        Json.AssertOnlyError(Read("""{ "name": "j", "schedule": "@daily" }"""), "target", "is required");

    [Fact]
    public void Read_NullTarget_IsRequired() =>
        Json.AssertOnlyError(Read("""{ "name": "j", "target": null }"""), "target", "is required");

    [Fact]
    public void Read_TargetWithoutUrl_NamesTargetUrl() =>
        Json.AssertOnlyError(Read("""{ "name": "j", "target": { "method": "POST" } }"""), "target.url", "is required");

    [Fact]
    public void Read_EmptyUrl_NamesTargetUrl() =>
        Json.AssertOnlyError(Read("""{ "name": "j", "target": { "url": "  " } }"""), "target.url", "must not be empty");

    [Fact]
    public void Read_TargetOfTheWrongType_NamesTarget() =>
        Json.AssertOnlyError(Read("""{ "name": "j", "target": "https://example.test/" }"""), "target", "expected an object, got a string");

    [Fact]
    public void Read_MissingName_WithoutContext_IsRequired() =>
        Json.AssertOnlyError(Read($$"""{ {{Url}} }"""), "name", "is required");

    [Fact]
    public void Read_NotAnObject_SaysWhatItGot()
    {
        Json.AssertOnlyError(Read("[]"), "", "expected an object, got a list");
        Json.AssertOnlyError(Read("\"job\"", "jobs.x"), "jobs.x", "expected an object, got a string");
    }

    [Theory]
    [InlineData("\"foo\": 1", "foo", "is not a known field")]
    [InlineData("\"Name\": \"j\"", "Name", "is not a known field")]
    [InlineData("\"alert\": { \"on\": [\"dead\"] }", "alert.channels", "is required")]
    [InlineData("\"alert\": { \"on\": [\"late\"], \"channels\": [\"ops\"] }", "alert.on[0]", "'late' is not one of dead, missed, slow")]
    [InlineData("\"alert\": { \"on\": [\"slow\"], \"channels\": [\"ops\"] }", "alert.max_duration", "is required when 'on' lists slow")]
    [InlineData("\"alert\": { \"channels\": [\"ops\"], \"after_failures\": 0 }", "alert.after_failures", "must be between 1 and 100")]
    [InlineData("\"alert\": { \"channels\": [\"ops\", \"ops\"] }", "alert.channels[1]", "is listed twice")]
    [InlineData("\"alert\": { \"channels\": [\"ops\"], \"missed_after\": 5 }", "alert.missed_after", "expected a duration string")]
    [InlineData("\"paused\": true", "paused", "use the pause and resume actions")]
    [InlineData("\"cron\": \"@daily\"", "cron", "write a cron expression as 'schedule'")]
    [InlineData("\"interval\": \"1h\"", "interval", "write an interval as 'every'")]
    [InlineData("\"tz\": \"UTC\"", "tz", "the field is called 'timezone'")]
    [InlineData("\"retries\": 3", "retries", "the field is called 'retry'")]
    [InlineData("\"retry\": { \"max\": 3 }", "retry.max", "is not a known field")]
    public void Read_UnknownField_IsRejectedWithAHint(string field, string path, string reason) =>
        Json.AssertOnlyError(ReadWith(field), path, reason);

    [Theory]
    [InlineData("\"argv\": [\"ls\"]", "target.argv", "write the program and its arguments as 'command'")]
    [InlineData("\"workdir\": \"/tmp\"", "target.workdir", "applies only to a command target")]
    [InlineData("\"timeout\": \"5s\"", "target.timeout", "is not a known field")]
    public void Read_UnknownTargetField_IsRejectedWithAHint(string field, string path, string reason) =>
        Json.AssertOnlyError(Read($$"""{ "name": "j", "target": { "url": "https://example.test/", {{field}} } }"""), path, reason);

    [Theory]
    [InlineData("""{ "name": "a", "name": "b", "target": { "url": "https://example.test/" } }""", "name")]
    [InlineData("""{ "name": "j", "target": { "url": "https://example.test/", "url": "https://evil.test/" } }""", "target.url")]
    [InlineData("""{ "name": "j", "target": { "url": "https://example.test/" }, "retry": { "attempts": 2, "attempts": 9 } }""", "retry.attempts")]
    [InlineData("""{ "name": "j", "target": { "url": "https://example.test/", "headers": { "X-A": "1", "X-A": "2" } } }""", "target.headers.X-A")]
    public void Read_DuplicateKeys_AreRejected(string json, string path)
    {
        var result = Read(json);

        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.Field == path && e.Message == "appears more than once");
    }

    [Fact]
    public void Read_NameMismatchBetweenContextAndBody_NamesTheBodysName() =>
        Json.AssertOnlyError(
            Read($$"""{ "name": "other", {{Url}} }""", "jobs.monthly-invoices", "monthly-invoices"),
            "jobs.monthly-invoices.name",
            "'other' does not match the job name 'monthly-invoices' it is given under");

    [Fact]
    public void Read_ErrorsUnderAPath_ArePrefixedWithIt() =>
        Json.AssertOnlyError(
            Read($$"""{ {{Url}}, "retry": { "attempts": "5" } }""", "jobs.monthly-invoices", "monthly-invoices"),
            "jobs.monthly-invoices.retry.attempts",
            "expected a whole number, got a string");

    [Fact]
    public void Read_SeveralProblems_ReportsThemAllAtOnce()
    {
        var result = Read("""{ "name": "j", "schedule": "nope", "timezone": "Nowhere/Land", "timeout": 5, "overlap": "never", "target": { "url": "ftp://x" }, "extra": 1 }""");

        Assert.Null(result.Value);
        Assert.Equal(["extra", "overlap", "schedule", "target.url", "timeout", "timezone"], result.Errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Read_AHostileDocumentWithThousandsOfUnknownFields_ReportsAtMost100Errors()
    {
        var fields = string.Join(", ", Enumerable.Range(0, 5_000).Select(i => $"\"f{i}\": {i}"));

        var result = ReadWith(fields);

        Assert.Null(result.Value);
        Assert.Equal(FieldErrors.Max, result.Errors.Count);
    }

    [Fact]
    public void FieldError_ToString_IsPathColonReason()
    {
        Assert.Equal("retry.attempts: is required", new FieldError("retry.attempts", "is required").ToString());
        Assert.Equal("expected an object", new FieldError("", "expected an object").ToString());
    }
}
