using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Definitions;

/// <summary>Hostile strings in names, descriptions, headers, URLs and bodies.</summary>
public sealed class HostileInputTests
{
    private static ReadResult<JobDefinition> Read(string json, string path = "", string? contextName = null) =>
        JobDefinitionReader.Read(Json.Parse(json), path, contextName);

    private static ReadResult<JobDefinition> WithName(string name) =>
        Read($$"""{ "name": {{Json.Quote(name)}}, "target": { "url": "https://example.test/" } }""");

    private static ReadResult<JobDefinition> WithTarget(string target) =>
        Read($$"""{ "name": "j", "target": {{target}} }""");

    private static ReadResult<JobDefinition> WithHeader(string name, string value) =>
        WithTarget($$"""{ "url": "https://example.test/", "headers": { {{Json.Quote(name)}}: {{Json.Quote(value)}} } }""");

    [Theory]
    [InlineData(101)]
    [InlineData(102)]
    [InlineData(5_000)]
    [InlineData(1_000_000)]
    public void Name_TooLong_SaysTheLimit(int length) =>
        Json.AssertOnlyError(WithName(new string('a', length)), "name", "is longer than 100 characters");

    [Fact]
    public void Name_TooLongFromTheContext_SaysTheLimit() =>
        Json.AssertOnlyError(
            Read("""{ "target": { "url": "https://example.test/" } }""", "jobs.x", new string('a', 101)),
            "jobs.x.name",
            "a job name is at most 100 characters");

    [Fact]
    public void Name_HugeAndMismatched_DoesNotEchoTheWholeName()
    {
        var result = Read($$"""{ "name": "{{new string('b', 100_000)}}", "target": { "url": "https://example.test/" } }""", "jobs.a", "a");

        Assert.Null(result.Value);
        Assert.All(result.Errors, e => Assert.True(e.Message.Length < 300));
    }

    [Theory]
    [InlineData("café", "'café' is not a valid job name; use letters, digits, '.', '_' and '-', starting with a letter or digit")]
    [InlineData("jöb", "is not a valid job name")]
    [InlineData("job💥", "is not a valid job name")]
    [InlineData("my job", "is not a valid job name")]
    [InlineData("../etc/passwd", "is not a valid job name")]
    [InlineData("-leading-dash", "is not a valid job name")]
    [InlineData(".hidden", "is not a valid job name")]
    [InlineData("a/b", "is not a valid job name")]
    [InlineData("<script>", "is not a valid job name")]
    [InlineData("job\u0000", "contains control characters")]
    [InlineData("job\nname", "contains control characters")]
    [InlineData("job\u001b[31m", "contains control characters")]
    [InlineData("", "must not be empty")]
    public void Name_WithForbiddenCharacters_IsRejected(string name, string reason) =>
        Json.AssertOnlyError(WithName(name), "name", reason);

    [Fact]
    public void Name_InAnErrorMessage_IsShortened()
    {
        var error = Json.AssertError(WithName(new string('é', 90)), "name", "is not a valid job name");

        Assert.True(error.Message.Length < 200);
        Assert.Contains("…", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_FromTheContext_IsValidatedToo()
    {
        Json.AssertOnlyError(
            Read("""{ "target": { "url": "https://example.test/" } }""", "jobs.bad name", "bad name"),
            "jobs.bad name.name",
            "is not a valid job name");
    }

    [Theory]
    [InlineData("\u0007 bell")]
    [InlineData("null \u0000 byte")]
    [InlineData("escape \u001b[2J")]
    public void Description_WithControlCharacters_IsRejected(string description) =>
        Json.AssertOnlyError(
            Read($$"""{ "name": "j", "description": {{Json.Quote(description)}}, "target": { "url": "https://example.test/" } }"""),
            "description",
            "contains control characters");

    [Fact]
    public void Description_Over1000Characters_IsRejected() =>
        Json.AssertOnlyError(
            Read($$"""{ "name": "j", "description": "{{new string('d', 1_001)}}", "target": { "url": "https://example.test/" } }"""),
            "description",
            "is longer than 1000 characters");

    [Theory]
    [InlineData("X-Foo", "a\r\nX-Injected: 1")]
    [InlineData("X-Foo", "a\nb")]
    [InlineData("X-Foo", "a\rb")]
    [InlineData("X-Foo", "a\u0000b")]
    [InlineData("X-Foo", "tab\there")]
    public void HeaderValue_WithCrLfOrControlCharacters_IsRejected(string name, string value) =>
        Json.AssertOnlyError(WithHeader(name, value), $"target.headers.{name}", "contains control characters");

    [Theory]
    [InlineData("X-Foo\r\nX-Injected")]
    [InlineData("X-Foo\n")]
    [InlineData("X-Foo\r\n")]
    [InlineData("X Foo")]
    [InlineData("X-Foo:")]
    [InlineData("")]
    [InlineData("Ünïcode")]
    public void HeaderName_ThatIsNotAToken_IsRejected(string name) =>
        Json.AssertOnlyError(WithHeader(name, "v"), $"target.headers.{name}", "is not a valid header name");

    [Theory]
    [InlineData("Idempotency-Key")]
    [InlineData("idempotency-key")]
    [InlineData("Punctual-Run-Id")]
    [InlineData("punctual-attempt")]
    [InlineData("Punctual-Anything")]
    [InlineData("traceparent")]
    [InlineData("Host")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("webhook-signature")]
    [InlineData("Webhook-Id")]
    public void ReservedHeader_IsRejected(string name) =>
        Json.AssertOnlyError(WithHeader(name, "v"), $"target.headers.{name}", "is set by Punctual on every attempt and cannot be overridden");

    [Theory]
    [InlineData("Authorization", "Bearer abc123")]
    [InlineData("authorization", "Basic dXNlcjpwYXNz")]
    [InlineData("Proxy-Authorization", "Basic x")]
    [InlineData("Cookie", "session=abc")]
    [InlineData("X-Api-Key", "k-123")]
    [InlineData("X-Auth-Token", "tok-8f3a")]
    [InlineData("X-Client-Secret", "s3cr3t-value")]
    [InlineData("Authorization", "Bearer $env:TOKEN")]
    public void CredentialHeader_WithALiteralValue_DemandsAnEnvReference(string name, string value)
    {
        var result = WithHeader(name, value);

        Json.AssertOnlyError(result, $"target.headers.{name}", "holds a credential in clear text; reference it as ${env:NAME}");
        Assert.DoesNotContain(value, result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bearer ${TOKEN}", "'${TOKEN}' is not a valid secret reference; write ${env:NAME}")]
    [InlineData("Bearer ${env:}", "'${env:}' is not a valid secret reference")]
    [InlineData("Bearer ${env:1TOKEN}", "is not a valid secret reference")]
    [InlineData("Bearer ${env:MY-TOKEN}", "is not a valid secret reference")]
    [InlineData("Bearer ${ENV:TOKEN}", "is not a valid secret reference")]
    [InlineData("Bearer ${file:/etc/passwd}", "is not a valid secret reference")]
    [InlineData("Bearer ${env:TOKEN", "an unclosed '${'")]
    [InlineData("Bearer ${env:TOKEN} ${", "an unclosed '${'")]
    public void MalformedSecretReference_InAHeader_IsRejected(string value, string reason) =>
        Json.AssertOnlyError(WithHeader("Authorization", value), "target.headers.Authorization", reason);

    [Fact]
    public void MalformedSecretReference_InTheUrl_IsRejected() =>
        Json.AssertOnlyError(WithTarget("""{ "url": "https://example.test/?k=${key}" }"""), "target.url", "'${key}' is not a valid secret reference");

    [Fact]
    public void MalformedSecretReference_InTheBody_IsRejected() =>
        Json.AssertOnlyError(WithTarget("""{ "url": "https://example.test/", "body": { "k": "${env:BAD NAME}" } }"""), "target.body", "is not a valid secret reference");

    [Theory]
    [InlineData("https://user:password@example.test/", "must not embed credentials (user:password@)")]
    [InlineData("https://user@example.test/", "must not embed credentials")]
    [InlineData("ftp://example.test/file", "is not an absolute http:// or https:// URL")]
    [InlineData("file:///etc/passwd", "is not an absolute http:// or https:// URL")]
    [InlineData("javascript:alert(1)", "is not an absolute http:// or https:// URL")]
    [InlineData("/relative/path", "is not an absolute http:// or https:// URL")]
    [InlineData("example.test/hook", "is not an absolute http:// or https:// URL")]
    [InlineData("https://", "is not an absolute http:// or https:// URL")]
    [InlineData("https://example.test/a b", "must not contain spaces")]
    public void Url_ThatIsNotAPlainHttpUrl_IsRejected(string url, string reason) =>
        Json.AssertOnlyError(WithTarget($$"""{ "url": {{Json.Quote(url)}} }"""), "target.url", reason);

    [Fact]
    public void Url_WithControlCharacters_IsRejected() =>
        Json.AssertOnlyError(WithTarget($$"""{ "url": {{Json.Quote("https://example.test/\r\nHost: evil")}} }"""), "target.url", "contains control characters");

    [Fact]
    public void Url_LongerThan2048Characters_IsRejected() =>
        Json.AssertOnlyError(WithTarget($$"""{ "url": "https://example.test/{{new string('p', 2_100)}}" }"""), "target.url", "is longer than 2048 characters");

    [Fact]
    public void Url_InAnErrorMessage_IsShortened()
    {
        var error = Json.AssertError(WithTarget($$"""{ "url": "ftp://example.test/{{new string('p', 1_000)}}" }"""), "target.url", "is not an absolute");

        Assert.True(error.Message.Length < 200);
    }

    [Theory]
    [InlineData("TRACE")]
    [InlineData("CONNECT")]
    [InlineData("GET\r\n")]
    [InlineData("")]
    public void Method_ThatIsNotSupported_IsRejected(string method)
    {
        var result = WithTarget($$"""{ "url": "https://example.test/", "method": {{Json.Quote(method)}} }""");

        Assert.Single(result.Errors);
        Assert.Equal("target.method", result.Errors[0].Field);
    }

    [Fact]
    public void Method_Unsupported_ListsTheSupportedOnes() =>
        Json.AssertOnlyError(WithTarget("""{ "url": "https://example.test/", "method": "TRACE" }"""), "target.method", "'TRACE' is not supported; use one of DELETE, GET, PATCH, POST, PUT");

    [Fact]
    public void Body_Over256KiB_IsRejected()
    {
        var body = $$"""{"d":"{{new string('x', 256 * 1024)}}"}""";

        Json.AssertOnlyError(WithTarget($$"""{ "url": "https://example.test/", "body": {{body}} }"""), "target.body", "is larger than 256 KiB");
    }

    [Fact]
    public void Headers_CaseInsensitiveDuplicates_AreRejected() =>
        Json.AssertOnlyError(
            WithTarget("""{ "url": "https://example.test/", "headers": { "X-Tenant": "a", "x-tenant": "b" } }"""),
            "target.headers.x-tenant",
            "appears more than once (header names are case-insensitive)");

    [Fact]
    public void Headers_MoreThan50_AreRejected()
    {
        var headers = string.Join(", ", Enumerable.Range(0, 51).Select(i => $"\"X-H{i}\": \"v\""));

        Json.AssertOnlyError(WithTarget($$"""{ "url": "https://example.test/", "headers": { {{headers}} } }"""), "target.headers", "at most 50 headers");
    }

    [Fact]
    public void HeaderValue_Over8KiB_IsRejected() =>
        Json.AssertOnlyError(WithHeader("X-Big", new string('v', 8_193)), "target.headers.X-Big", "is longer than 8192 characters");

    [Fact]
    public void HeaderValue_OfTheWrongType_NamesTheHeader() =>
        Json.AssertOnlyError(WithTarget("""{ "url": "https://example.test/", "headers": { "X-Count": 3 } }"""), "target.headers.X-Count", "expected a string, got the number 3");

    [Fact]
    public void Headers_OfTheWrongType_NamesHeaders() =>
        Json.AssertOnlyError(WithTarget("""{ "url": "https://example.test/", "headers": ["X-A: 1"] }"""), "target.headers", "expected an object, got a list");
}
