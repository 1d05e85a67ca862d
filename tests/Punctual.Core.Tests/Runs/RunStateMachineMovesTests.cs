using Punctual.Core.Runs;

namespace Punctual.Core.Tests.Runs;

public sealed class RunStateMachineMovesTests
{
    private static readonly RunState[] States = Enum.GetValues<RunState>();

    /// <summary>
    /// The expected move table (DESIGN §2): rows are "from", columns "to", in the order
    /// pending, running, succeeded, failed, dead, skipped, cancelled. 'x' marks an allowed move.
    /// </summary>
    private static readonly string[] Table =
    [
        // P  R  S  F  D  K  C
        "  .  x  .  .  x  x  x  ", // pending: claimed, dead at claim (deadline), skipped at claim (once_per), cancelled
        "  x  .  x  x  x  .  x  ", // running: back to pending (lease released), succeeded, failed (retry), dead, cancelled
        "  .  .  .  .  .  .  .  ", // succeeded: final
        "  .  x  .  .  x  x  x  ", // failed: claimed for the retry, dead at claim, skipped at claim, cancelled
        "  x  .  .  .  .  .  .  ", // dead: replayed
        "  .  .  .  .  .  .  .  ", // skipped: final
        "  x  .  .  .  .  .  .  ", // cancelled: replayed
    ];

    private static bool Expected(RunState from, RunState to) =>
        Table[(int)from].Split(' ', StringSplitOptions.RemoveEmptyEntries)[(int)to] == "x";

    public static TheoryData<RunState, RunState, bool> EveryPair()
    {
        var data = new TheoryData<RunState, RunState, bool>();
        foreach (var from in States)
        {
            foreach (var to in States)
            {
                data.Add(from, to, Expected(from, to));
            }
        }

        return data;
    }

    [Fact]
    public void Table_CoversAll49Pairs()
    {
        Assert.Equal(7, States.Length);
        Assert.Equal(49, EveryPair().Count());
        Assert.Equal(RunState.Cancelled, States[6]);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_MatchesTheExpectedTable(RunState from, RunState to, bool allowed) =>
        Assert.Equal(allowed, RunStateMachine.CanMove(from, to));

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void AllMoves_ListsExactlyTheAllowedPairs(RunState from, RunState to, bool allowed) =>
        Assert.Equal(allowed, RunStateMachine.AllMoves.Contains((from, to)));

    [Fact]
    public void AllMoves_HasNoDuplicates()
    {
        var moves = RunStateMachine.AllMoves.ToList();

        Assert.Equal(moves.Count, moves.Distinct().Count());
        Assert.Equal(EveryPair().Count(row => (bool)row[2]), moves.Count);
    }

    [Fact]
    public void NoState_MovesToItself() =>
        Assert.All(States, state => Assert.False(RunStateMachine.CanMove(state, state)));

    [Fact]
    public void FinalStates_HaveNoWayOut_ExceptReplay()
    {
        foreach (var state in States.Where(RunStates.IsFinal))
        {
            var exits = States.Where(to => RunStateMachine.CanMove(state, to)).ToList();
            Assert.Equal(RunStateMachine.CanReplay(state) ? [RunState.Pending] : [], exits);
        }
    }

    [Fact]
    public void InitialStates_ArePendingAndSkipped() =>
        Assert.Equal([RunState.Pending, RunState.Skipped], RunStateMachine.InitialStates);

    [Theory]
    [InlineData(RunState.Pending, true)]
    [InlineData(RunState.Running, true)]
    [InlineData(RunState.Failed, true)]
    [InlineData(RunState.Succeeded, false)]
    [InlineData(RunState.Dead, false)]
    [InlineData(RunState.Skipped, false)]
    [InlineData(RunState.Cancelled, false)]
    public void CanCancel_OnlyWhileTheRunIsActive(RunState state, bool expected) =>
        Assert.Equal(expected, RunStateMachine.CanCancel(state));

    [Theory]
    [InlineData(RunState.Dead, true)]
    [InlineData(RunState.Cancelled, true)]
    [InlineData(RunState.Pending, false)]
    [InlineData(RunState.Running, false)]
    [InlineData(RunState.Failed, false)]
    [InlineData(RunState.Succeeded, false)]
    [InlineData(RunState.Skipped, false)]
    public void CanReplay_OnlyDeadOrCancelledRuns(RunState state, bool expected) =>
        Assert.Equal(expected, RunStateMachine.CanReplay(state));
}
