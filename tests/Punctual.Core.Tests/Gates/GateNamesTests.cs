using Punctual.Core.Gates;

namespace Punctual.Core.Tests.Gates;

public sealed class GateNamesTests
{
    [Theory]
    [InlineData("https://Billing.Internal/tasks", "host:billing.internal")]
    [InlineData("http://127.0.0.1:5080/hook", "host:127.0.0.1:5080")]
    [InlineData("https://api.example:443/x", "host:api.example")]
    [InlineData("https://user:pw@api.example:8443/x", "host:api.example:8443")]
    [InlineData("https://${env:API_HOST}/x", "host:${env:api_host}")]
    public void ForHost_NamesTheHostGate_ByHostAndNonDefaultPort(string url, string gate) =>
        Assert.Equal(gate, GateNames.ForHost(url));

    [Fact]
    public void For_PrefersTheNamedGate() =>
        Assert.Equal("billing-api", GateNames.For("billing-api", "https://billing.internal/"));

    [Theory]
    [InlineData("billing-api", true, "")]
    [InlineData("", false, "needs a name")]
    [InlineData("host:billing.internal", false, "host's default gate")]
    [InlineData("two words", false, "not a valid gate name")]
    [InlineData("-dash", false, "not a valid gate name")]
    [InlineData("name\n", false, "not a valid gate name")]
    public void TryValidate_AcceptsPlainNames_AndExplainsTheRest(string name, bool valid, string reason)
    {
        Assert.Equal(valid, GateNames.TryValidate(name, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_RefusesLongNames() =>
        Assert.False(GateNames.TryValidate(new string('a', GateNames.MaxLength + 1), out _));
}
