using Punctual.Core.Channels;
using Punctual.Core.Definitions;
using Punctual.Core.Tests.Support;

namespace Punctual.Core.Tests.Alerts;

public sealed class ChannelDefinitionReaderTests
{
    private static ReadResult<ChannelDefinition> Read(string json) => ChannelDefinitionReader.Read(Json.Parse(json), "", "ops");

    [Fact]
    public void Email_FillsDefaults_AndRoundTripsThroughCanonicalJson()
    {
        var read = Read("""{ "type": "email", "host": "smtp.example.com", "from": "alerts@example.com", "to": "ops@example.com", "username": "alerts", "password": "${env:SMTP_PASSWORD}" }""");

        Assert.True(read.Ok, string.Join("; ", read.Errors));
        var email = read.Value!.Email!;
        Assert.Equal((587, SmtpSecurity.StartTls, "${env:SMTP_PASSWORD}"), (email.Port, email.Security, email.Password));
        Assert.Equal(["ops@example.com"], email.To);
        var json = ChannelDefinitionWriter.ToJson(read.Value);
        Assert.Equal(json, ChannelDefinitionWriter.ToJson(ChannelDefinitionWriter.FromJson(json)));
        Assert.DoesNotContain("hunter", json);
    }

    [Fact]
    public void Slack_KeepsTheReference_NeverAResolvedUrl()
    {
        var read = Read("""{ "type": "slack", "url": "${env:OPS_SLACK_WEBHOOK}" }""");

        Assert.True(read.Ok);
        Assert.Equal("${env:OPS_SLACK_WEBHOOK}", read.Value!.Url);
    }

    [Theory]
    [InlineData("""{ "type": "webhook", "url": "ftp://x.example" }""", "url", "is not an absolute http:// or https:// URL")]
    [InlineData("""{ "type": "webhook", "url": "https://x.example", "headers": { "Authorization": "Bearer abc" } }""", "headers.Authorization", "credential in clear text")]
    [InlineData("""{ "type": "email", "host": "smtp.example.com", "from": "nobody", "to": ["a@example.com"] }""", "from", "is not an e-mail address")]
    [InlineData("""{ "type": "email", "host": "smtp.example.com", "from": "a@example.com", "to": [] }""", "to", "at least one address")]
    [InlineData("""{ "type": "email", "host": "smtp.example.com", "from": "a@example.com", "to": ["b@example.com"], "tls": "ssl" }""", "tls", "is not one of starttls, tls, none")]
    [InlineData("""{ "type": "email", "host": "smtp example", "from": "a@example.com", "to": ["b@example.com"] }""", "host", "is not a host name")]
    [InlineData("""{ "url": "https://x.example" }""", "type", "is required")]
    public void BadInput_NamesTheField(string json, string field, string reason) =>
        Json.AssertOnlyError(Read(json), field, reason);
}
