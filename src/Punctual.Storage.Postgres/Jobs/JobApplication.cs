using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>
/// <c>apply</c> of a config file: every create, update and delete in one transaction; the first refusal rolls all of
/// them back. Deletes go first, so a file that removes one job and adds another never trips over a name in use.
/// </summary>
internal static class JobApplication
{
    public static async Task<JobApplyResult> ApplyAsync(Session session, JobApplyRequest request, CancellationToken cancellationToken)
    {
        var writes = request.Deletes
            .Select(delete => (delete.Name, Write: Bind(() => JobWrites.DeleteAsync(session, delete, cancellationToken))))
            .Concat(request.Updates.Select(update => (update.Name, Write: Bind(() => JobWrites.UpdateAsync(session, update, cancellationToken)))))
            .Concat(request.Creates.Select(create => (create.Name, Write: Bind(() => JobWrites.CreateAsync(session, create, cancellationToken)))));

        foreach (var (name, write) in writes)
        {
            var result = await write();
            if (!result.Done)
            {
                session.RollBack();
                return new JobApplyResult(result.Status, name);
            }
        }

        return new JobApplyResult(JobWriteStatus.Done, null);
    }

    private static Func<Task<JobWriteResult>> Bind(Func<Task<JobWriteResult>> write) => write;
}
