using Punctual.Core.Runs;
using Punctual.Storage.Conformance.Doubles;
using Punctual.Storage.Conformance.Seeding;
using Punctual.Storage.Jobs;
using Punctual.Storage.Runs;

namespace Punctual.Storage.Conformance.MultiNode;

/// <summary>
/// Nodes planning at once: every fire becomes exactly one run (none twice, none lost), and a manual trigger racing a
/// planning pass still honours the job's overlap policy.
/// </summary>
public abstract class PlanningRaceConformance : MultiNodeConformance
{
    [Fact]
    public async Task PlanDue_FromThreeNodesAtOnce_TurnsEveryFireIntoExactlyOneRun()
    {
        const int Jobs = 60;
        const int Minutes = 5;
        for (var i = 0; i < Jobs; i++)
        {
            await Seed.JobAsync($"job-{i:00}", nextFire: At.T0);
        }

        var nodes = await NodesAsync(3);
        var created = 0;
        for (var minute = 0; minute < Minutes; minute++)
        {
            var now = At.Minute(minute);
            var passes = await RaceAsync(nodes, async (node, _) =>
            {
                var made = 0;
                while (true)
                {
                    var pass = await node.Jobs.PlanDueAsync(new PlanDueJobsRequest(now, 7), new CorePlanning(), Ct);
                    made += pass.RunsCreated;
                    if (pass.JobsPlanned == 0 && !pass.MoreDue)
                    {
                        return made;
                    }
                }
            });
            created += passes.Sum();

            // Whatever the race, nothing due at this minute is left unplanned.
            Assert.Equal(0, (await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(now, 1_000), new CorePlanning(), Ct)).JobsPlanned);
        }

        Assert.Equal(Jobs * Minutes, created);
        for (var i = 0; i < Jobs; i++)
        {
            var runs = (await Store.Runs.ListAsync(new RunListRequest(JobName: $"job-{i:00}", Limit: 100), Ct)).Items;
            Assert.Equal(Enumerable.Range(0, Minutes).Select(m => At.Minute(m)), runs.Select(run => run.ScheduledFor).Order());
            Assert.Equal(At.Minute(Minutes), (await Store.Jobs.GetAsync($"job-{i:00}", Ct))!.NextFireAt);
        }
    }

    [Fact]
    public async Task TriggerAndPlanDue_OnTwoNodesAtOnce_UnderForbid_LeaveOneActiveRun()
    {
        await Seed.JobAsync("guarded", nextFire: At.T0, spec: Specs.Job("guarded", overlap: "forbid"));
        var nodes = await NodesAsync(2);

        for (var round = 0; round < 25; round++)
        {
            var now = At.Minute(round);
            await RaceAsync(nodes, async (node, index) => index == round % 2
                ? (await node.Jobs.PlanDueAsync(new PlanDueJobsRequest(now, 10), new CorePlanning(), Ct)).RunsCreated
                : (await node.Jobs.TriggerAsync(new TriggerRequest("guarded", null, now), new CoreTriggerPlanning(), Ct)).Run is null ? 0 : 1);

            // A planning pass that found the job held by the trigger left it for the next pass: run that pass now.
            await Store.Jobs.PlanDueAsync(new PlanDueJobsRequest(now, 10), new CorePlanning(), Ct);

            // One of the two saw the other's run and recorded its own as skipped; never two active runs.
            var runs = (await Store.Runs.ListAsync(new RunListRequest(JobName: "guarded", Limit: 1_000), Ct)).Items;
            var active = runs.Where(run => RunStates.IsActive(run.State)).ToList();
            var thisRound = runs.Where(run => run.CreatedAt == now).ToList();
            Assert.Single(active);
            Assert.Equal([RunState.Pending, RunState.Skipped], thisRound.Select(run => run.State).Order());

            // Clear the way for the next round.
            await Store.Runs.CancelAsync(new CancelRequest(active[0].Id, "next round", now), Ct);
        }
    }
}
