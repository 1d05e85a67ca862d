using Punctual.Core.Gates;

namespace Punctual.Core.Tests.Gates;

public sealed class GateSharesTests
{
    [Fact]
    public void Split_GivesEachGateAnEqualShare_AndWhatOneCannotUseToTheOthers() =>
        Assert.Equal([2, 4, 4], GateShares.Split(10, [2, 100, 100]));

    [Fact]
    public void Split_GivesTheRemainderToTheFirstGates() =>
        Assert.Equal([4, 3, 3], GateShares.Split(10, [50, 50, 50]));

    [Fact]
    public void Split_MeetsEveryDemand_WhenThereAreSlotsEnough() =>
        Assert.Equal([1, 0, 7], GateShares.Split(100, [1, 0, 7]));

    // Property: never over a demand, never over the slots, all slots used unless every demand is met, and max-min fair
    // (a gate gets less than another only when its own demand is met).
    [Fact]
    public void Split_IsBoundedAndMaxMinFair_ForRandomDemands()
    {
        var random = new Random(20261123);
        for (var round = 0; round < 5_000; round++)
        {
            var demands = Enumerable.Range(0, random.Next(0, 8)).Select(_ => random.Next(0, 60)).ToArray();
            var slots = random.Next(0, 200);

            var shares = GateShares.Split(slots, demands);

            Assert.All(shares.Zip(demands), pair => Assert.InRange(pair.First, 0, pair.Second));
            Assert.True(shares.Sum() <= slots);
            Assert.True(shares.Sum() == slots || shares.SequenceEqual(demands));
            for (var i = 0; i < shares.Length; i++)
            {
                for (var j = 0; j < shares.Length; j++)
                {
                    Assert.True(shares[i] >= shares[j] - 1 || shares[i] == demands[i], $"gate {i} starved by gate {j}: {string.Join(",", shares)} for {string.Join(",", demands)}");
                }
            }
        }
    }
}
