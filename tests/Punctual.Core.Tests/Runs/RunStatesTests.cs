using Punctual.Core.Runs;

namespace Punctual.Core.Tests.Runs;

public sealed class RunStatesTests
{
    [Theory]
    //              state                 text         active claimable final
    [InlineData(RunState.Pending, "pending", true, true, false)]
    [InlineData(RunState.Running, "running", true, false, false)]
    [InlineData(RunState.Succeeded, "succeeded", false, false, true)]
    [InlineData(RunState.Failed, "failed", true, true, false)]
    [InlineData(RunState.Dead, "dead", false, false, true)]
    [InlineData(RunState.Skipped, "skipped", false, false, true)]
    [InlineData(RunState.Cancelled, "cancelled", false, false, true)]
    public void EachState_HasItsTextAndClassification(RunState state, string text, bool active, bool claimable, bool final)
    {
        Assert.Equal(text, RunStates.ToText(state));
        Assert.Equal(state, RunStates.Parse(text));
        Assert.Equal(active, RunStates.IsActive(state));
        Assert.Equal(claimable, RunStates.IsClaimable(state));
        Assert.Equal(final, RunStates.IsFinal(state));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Pending")]
    [InlineData("PENDING")]
    [InlineData("done")]
    public void TryParse_RejectsUnknownText(string? text) =>
        Assert.False(RunStates.TryParse(text, out _));

    [Fact]
    public void Parse_WithUnknownText_ThrowsNamingIt()
    {
        var error = Assert.Throws<FormatException>(() => RunStates.Parse("done"));

        Assert.Contains("'done'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AllNames_ListsEveryStateInOrder() =>
        Assert.Equal("pending, running, succeeded, failed, dead, skipped, cancelled", RunStates.AllNames);

    [Theory]
    [InlineData(RunOrigin.Schedule, "schedule")]
    [InlineData(RunOrigin.Manual, "manual")]
    [InlineData(RunOrigin.Task, "task")]
    [InlineData(RunOrigin.Backfill, "backfill")]
    public void RunOrigin_RoundTripsThroughText(RunOrigin origin, string text)
    {
        Assert.Equal(text, RunOrigins.ToText(origin));
        Assert.Equal(origin, RunOrigins.Parse(text));
    }

    [Fact]
    public void RunOrigin_Parse_RejectsUnknownText() =>
        Assert.Throws<FormatException>(() => RunOrigins.Parse("cron"));
}
