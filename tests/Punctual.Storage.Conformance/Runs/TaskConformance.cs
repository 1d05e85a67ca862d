using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.Runs;

/// <summary>One-shot tasks: runs without a job, deduplicated by an optional key.</summary>
public abstract class TaskConformance : StoreConformance
{
    [Fact]
    public async Task CreateTask_WithoutAKey_CreatesAPendingTaskRun_NamedByItsId()
    {
        var spec = Specs.Task();

        var result = await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, spec, At.Minute(5), At.T0), Ct);

        Assert.True(result.Created);
        var run = result.Run;
        Assert.Equal((RunOrigin.Task, RunState.Pending), (run.Origin, run.State));
        Assert.Null(run.JobId);
        Assert.Null(run.JobName);
        Assert.Null(run.TaskKey);
        Assert.False(run.Exclusive);
        Assert.Equal((At.Minute(5), At.Minute(5)), (run.ScheduledFor, run.DueAt));
        Assert.Equal($"task/{run.Id}", run.IdempotencyKey);
        Assert.Equal((At.T0, At.T0), (run.CreatedAt, run.UpdatedAt));
        Assert.Equal(run, await Seed.GetRunAsync(run.Id));
    }

    [Fact]
    public async Task CreateTask_WithAKey_NamesItsIdempotencyKeyAfterTheKey()
    {
        var result = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("invoice-42", Specs.Task(), At.T0, At.T0), Ct);

        Assert.Equal("invoice-42", result.Run.TaskKey);
        Assert.Equal("task/invoice-42", result.Run.IdempotencyKey);
    }

    [Fact]
    public async Task CreateTask_SameKeyAgain_ReturnsTheFirstRun_AndCreatesNothing()
    {
        var first = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("invoice-42", Specs.Task(), At.Minute(5), At.T0), Ct);

        var second = await Store.Runs.CreateTaskAsync(
            new TaskCreateRequest("invoice-42", Specs.Task("https://receiver.example/other"), At.Minute(9), At.Minute(1)), Ct);

        Assert.False(second.Created);
        Assert.Equal(first.Run, second.Run);
        Assert.Single((await Store.Runs.ListAsync(new RunListRequest(), Ct)).Items);
    }

    [Fact]
    public async Task CreateTask_SameKeyAfterTheFirstFinished_StillReturnsTheFirst()
    {
        var first = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("once", Specs.Task(), At.T0, At.T0), Ct);
        var claimed = Assert.Single((await Seed.ClaimAsync(At.T0)).Claimed);
        await Seed.SucceedAsync(claimed, At.Second(1));

        var again = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("once", Specs.Task(), At.Minute(1), At.Minute(1)), Ct);

        Assert.False(again.Created);
        Assert.Equal(first.Run.Id, again.Run.Id);
        Assert.Equal(RunState.Succeeded, again.Run.State);
    }

    [Fact]
    public async Task CreateTask_SameKeyConcurrently_CreatesOneRun()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            Store.Runs.CreateTaskAsync(new TaskCreateRequest("racy", Specs.Task(), At.Second(i), At.T0), Ct))));

        Assert.Single(results, result => result.Created);
        Assert.Single(results.Select(result => result.Run.Id).Distinct());
        Assert.Single((await Store.Runs.ListAsync(new RunListRequest(), Ct)).Items);
    }

    [Fact]
    public async Task CreateTask_DifferentKeys_CreateDifferentRuns()
    {
        var a = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("a", Specs.Task(), At.T0, At.T0), Ct);
        var b = await Store.Runs.CreateTaskAsync(new TaskCreateRequest("b", Specs.Task(), At.T0, At.T0), Ct);
        var unkeyed = await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), At.T0, At.T0), Ct);
        var unkeyedAgain = await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, Specs.Task(), At.T0, At.T0), Ct);

        Assert.Equal(4, new[] { a, b, unkeyed, unkeyedAgain }.Select(result => result.Run.Id).Distinct().Count());
        Assert.All(new[] { a, b, unkeyed, unkeyedAgain }, result => Assert.True(result.Created));
    }

    [Fact]
    public async Task ClaimDue_GivesATaskItsOwnSpec()
    {
        var spec = Specs.Task("https://receiver.example/own");
        var task = await Store.Runs.CreateTaskAsync(new TaskCreateRequest(null, spec, At.T0, At.T0), Ct);

        var claimed = Assert.Single((await Seed.ClaimAsync(At.T0)).Claimed);

        Assert.Equal(task.Run.Id, claimed.Run.Id);
        Assert.Equal(spec, claimed.SpecJson);
        Assert.True(claimed.IsTaskSpec);
    }
}
