using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Gates;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// <c>apply</c> of a config file: every create, update and delete in one transaction; the first refusal rolls all of
/// them back. Gates are written first (jobs may name them), job deletes before job creates (a file that removes one
/// job and adds another never trips over a name in use), and gate deletes last (after the jobs that named them went).
/// </summary>
internal static class JobApplication
{
    public static async Task<JobApplyResult> ApplyAsync(Session session, JobApplyRequest request, CancellationToken cancellationToken)
    {
        var writes = request.Deletes
            .Select(delete => (delete.Name, Write: Bind(() => JobWrites.DeleteAsync(session, delete, cancellationToken))))
            .Concat(request.Updates.Select(update => (update.Name, Write: Bind(() => JobWrites.UpdateAsync(session, update, cancellationToken)))))
            .Concat(request.Creates.Select(create => (create.Name, Write: Bind(() => JobWrites.CreateAsync(session, create, cancellationToken)))));

        foreach (var gate in request.GateUpserts ?? [])
        {
            await GateRows.UpsertAsync(session, new GateUpsertRequest(gate, request.Now), cancellationToken);
        }

        foreach (var channel in request.ChannelUpserts ?? [])
        {
            await Alerts.ChannelRows.UpsertAsync(session, channel, cancellationToken);
        }

        foreach (var monitor in request.MonitorUpserts ?? [])
        {
            await Monitors.PostgresMonitorStore.UpsertAsync(session, monitor, cancellationToken);
        }

        foreach (var (name, write) in writes)
        {
            var result = await write();
            if (!result.Done)
            {
                session.RollBack();
                return new JobApplyResult(result.Status, name);
            }
        }

        foreach (var gate in request.GateDeletes ?? [])
        {
            if ((await GateRows.DeleteAsync(session, gate, cancellationToken)).Status == GateWriteStatus.InUse)
            {
                session.RollBack();
                return new JobApplyResult(JobWriteStatus.GateInUse, gate);
            }
        }

        foreach (var channel in request.ChannelDeletes ?? [])
        {
            await Alerts.ChannelRows.DeleteAsync(session, channel, cancellationToken);
        }

        foreach (var monitor in request.MonitorDeletes ?? [])
        {
            await Monitors.PostgresMonitorStore.DeleteAsync(session, monitor, cancellationToken);
        }

        return new JobApplyResult(JobWriteStatus.Done, null);
    }

    private static Func<Task<JobWriteResult>> Bind(Func<Task<JobWriteResult>> write) => write;
}
