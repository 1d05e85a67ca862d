using Punctual.Core.CatchUp;

namespace Punctual.Core.Tests.CatchUp;

public sealed class CatchUpPoliciesTests
{
    [Theory]
    [InlineData(CatchUpPolicy.Latest, "latest")]
    [InlineData(CatchUpPolicy.All, "all")]
    [InlineData(CatchUpPolicy.Skip, "skip")]
    public void CatchUpPolicy_RoundTripsThroughText(CatchUpPolicy policy, string text)
    {
        Assert.Equal(text, CatchUpPolicies.ToText(policy));
        Assert.True(CatchUpPolicies.TryParse(text, out var parsed));
        Assert.Equal(policy, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Latest")]
    [InlineData("none")]
    public void TryParse_RejectsUnknownText(string? text) =>
        Assert.False(CatchUpPolicies.TryParse(text, out _));

    [Fact]
    public void DefaultWindow_IsOneDay() =>
        Assert.Equal(TimeSpan.FromDays(1), CatchUpPolicies.DefaultWindow);
}
