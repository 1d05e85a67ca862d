using Punctual.Storage.Gates;
using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Gates;
using Punctual.Storage.Sqlite.Connections;

namespace Punctual.Storage.Sqlite.Jobs;

/// <summary>
/// <c>apply</c> of a config file: every create, update and delete under one savepoint; the first refusal undoes all
/// of them. Gates are written first (jobs may name them), job deletes before job creates (a file that removes one
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

        var outcome = new JobApplyResult(JobWriteStatus.Done, null);
        await session.SavepointAsync("apply", async () =>
        {
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
                await Monitors.SqliteMonitorStore.UpsertAsync(session, monitor, cancellationToken);
            }

            foreach (var (name, write) in writes)
            {
                var result = await write();
                if (!result.Done)
                {
                    outcome = new JobApplyResult(result.Status, name);
                    return false;
                }
            }

            foreach (var gate in request.GateDeletes ?? [])
            {
                var deleted = await GateRows.DeleteAsync(session, gate, cancellationToken);
                if (deleted.Status == GateWriteStatus.InUse)
                {
                    outcome = new JobApplyResult(JobWriteStatus.GateInUse, gate);
                    return false;
                }
            }

            foreach (var channel in request.ChannelDeletes ?? [])
            {
                await Alerts.ChannelRows.DeleteAsync(session, channel, cancellationToken);
            }

            foreach (var monitor in request.MonitorDeletes ?? [])
            {
                await Monitors.SqliteMonitorStore.DeleteAsync(session, monitor, cancellationToken);
            }

            return true;
        });
        return outcome;
    }

    private static Func<Task<JobWriteResult>> Bind(Func<Task<JobWriteResult>> write) => write;
}
