using Punctual.Core.Jobs;

namespace Punctual.Core.Tests.Jobs;

public sealed class JobNamesTests
{
    [Theory]
    [InlineData("a")]
    [InlineData("9")]
    [InlineData("monthly-invoices")]
    [InlineData("Billing.Export_v2")]
    [InlineData("a-")]
    public void TryValidate_AcceptsPlainNames(string name)
    {
        Assert.True(JobNames.TryValidate(name, out var error));
        Assert.Equal("", error);
    }

    [Theory]
    [InlineData(null, "a job needs a name")]
    [InlineData("", "a job needs a name")]
    [InlineData("-a", "is not a valid job name")]
    [InlineData("_a", "is not a valid job name")]
    [InlineData(".a", "is not a valid job name")]
    [InlineData("a b", "is not a valid job name")]
    [InlineData("a/b", "is not a valid job name")]
    [InlineData("a:b", "is not a valid job name")]
    [InlineData("ä", "is not a valid job name")]
    [InlineData("a\n", "is not a valid job name")]
    public void TryValidate_RejectsOtherNames(string? name, string reason)
    {
        Assert.False(JobNames.TryValidate(name, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryValidate_EnforcesTheLengthLimit()
    {
        Assert.True(JobNames.TryValidate(new string('a', JobNames.MaxLength), out _));
        Assert.False(JobNames.TryValidate(new string('a', JobNames.MaxLength + 1), out var error));
        Assert.Equal("a job name is at most 100 characters", error);
    }

    [Fact]
    public void TryValidate_ShortensLongInvalidNamesInTheMessage()
    {
        JobNames.TryValidate(new string('ä', 80), out var error);

        Assert.StartsWith($"'{new string('ä', 40)}…'", error, StringComparison.Ordinal);
    }
}
