using Punctual.Core.Overlap;

namespace Punctual.Core.Tests.Overlap;

public sealed class OverlapRulesTests
{
    [Theory]
    //          policy                running waiting  expected action
    [InlineData(OverlapPolicy.Forbid, 0, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Forbid, 1, 0, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.Forbid, 0, 1, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.Forbid, 1, 1, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.Forbid, 3, 5, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.BufferOne, 0, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.BufferOne, 1, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.BufferOne, 0, 1, OverlapAction.Create)]
    [InlineData(OverlapPolicy.BufferOne, 1, 1, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.BufferOne, 0, 2, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.BufferOne, 2, 0, OverlapAction.Skip)]
    [InlineData(OverlapPolicy.Allow, 0, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Allow, 1, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Allow, 1, 1, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Allow, 50, 50, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Replace, 0, 0, OverlapAction.Create)]
    [InlineData(OverlapPolicy.Replace, 1, 0, OverlapAction.CreateAndCancelActive)]
    [InlineData(OverlapPolicy.Replace, 0, 1, OverlapAction.CreateAndCancelActive)]
    [InlineData(OverlapPolicy.Replace, 2, 3, OverlapAction.CreateAndCancelActive)]
    public void Decide_FollowsThePolicy(OverlapPolicy policy, int running, int waiting, OverlapAction expected) =>
        Assert.Equal(expected, OverlapRules.Decide(policy, new ActiveRuns(running, waiting)).Action);

    [Theory]
    [InlineData(OverlapPolicy.Forbid, 1, 0, "overlap forbid")]
    [InlineData(OverlapPolicy.BufferOne, 1, 1, "overlap buffer_one")]
    public void Decide_ASkip_StatesThePolicyAsReason(OverlapPolicy policy, int running, int waiting, string reason)
    {
        var (_, text) = OverlapRules.Decide(policy, new ActiveRuns(running, waiting));

        Assert.StartsWith(reason, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OverlapPolicy.Forbid)]
    [InlineData(OverlapPolicy.BufferOne)]
    [InlineData(OverlapPolicy.Allow)]
    [InlineData(OverlapPolicy.Replace)]
    public void Decide_WithoutActiveRuns_CreatesWithoutReason(OverlapPolicy policy) =>
        Assert.Equal((OverlapAction.Create, (string?)null), OverlapRules.Decide(policy, default));

    [Fact]
    public void ActiveRuns_TotalCountsRunningAndWaiting() =>
        Assert.Equal(5, new ActiveRuns(2, 3).Total);

    [Theory]
    [InlineData(OverlapPolicy.Forbid, "forbid", true)]
    [InlineData(OverlapPolicy.BufferOne, "buffer_one", true)]
    [InlineData(OverlapPolicy.Allow, "allow", false)]
    [InlineData(OverlapPolicy.Replace, "replace", true)]
    public void OverlapPolicy_HasTextAndExclusivity(OverlapPolicy policy, string text, bool exclusive)
    {
        Assert.Equal(text, OverlapPolicies.ToText(policy));
        Assert.True(OverlapPolicies.TryParse(text, out var parsed));
        Assert.Equal(policy, parsed);
        Assert.Equal(exclusive, OverlapPolicies.IsExclusive(policy));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Forbid")]
    [InlineData("buffer-one")]
    [InlineData("skip")]
    public void OverlapPolicy_TryParse_RejectsUnknownText(string? text) =>
        Assert.False(OverlapPolicies.TryParse(text, out _));
}
