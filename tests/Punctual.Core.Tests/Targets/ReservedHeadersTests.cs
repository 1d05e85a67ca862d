using Punctual.Core.Targets;

namespace Punctual.Core.Tests.Targets;

public sealed class ReservedHeadersTests
{
    [Theory]
    [InlineData("Idempotency-Key", true)]
    [InlineData("IDEMPOTENCY-KEY", true)]
    [InlineData("Punctual-Run-Id", true)]
    [InlineData("Punctual-Attempt", true)]
    [InlineData("Punctual-Scheduled-For", true)]
    [InlineData("Punctual-Period", true)]
    [InlineData("punctual-anything-new", true)]
    [InlineData("traceparent", true)]
    [InlineData("tracestate", true)]
    [InlineData("webhook-id", true)]
    [InlineData("webhook-timestamp", true)]
    [InlineData("webhook-signature", true)]
    [InlineData("Host", true)]
    [InlineData("Content-Length", true)]
    [InlineData("Transfer-Encoding", true)]
    [InlineData("Connection", true)]
    [InlineData("Upgrade", true)]
    [InlineData("Content-Type", false)]
    [InlineData("Authorization", false)]
    [InlineData("X-Punctual", false)]
    [InlineData("Accept", false)]
    public void IsReserved_CoversWhatPunctualAndHttpOwn(string name, bool reserved) =>
        Assert.Equal(reserved, ReservedHeaders.IsReserved(name));

    [Theory]
    [InlineData("Authorization", true)]
    [InlineData("proxy-authorization", true)]
    [InlineData("Cookie", true)]
    [InlineData("X-Api-Key", true)]
    [InlineData("Api-Key", true)]
    [InlineData("X-Auth-Token", true)]
    [InlineData("X-GitHub-Token", true)]
    [InlineData("X-Webhook-Secret", true)]
    [InlineData("Content-Type", false)]
    [InlineData("X-Tenant", false)]
    public void CarriesCredentials_CoversAuthHeadersAndTokenOrSecretNames(string name, bool credential) =>
        Assert.Equal(credential, ReservedHeaders.CarriesCredentials(name));
}
