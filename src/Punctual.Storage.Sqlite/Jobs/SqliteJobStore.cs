using Punctual.Storage.Jobs;
using Punctual.Storage.Sqlite.Connections;
using Punctual.Storage.Sqlite.Runs;

namespace Punctual.Storage.Sqlite.Jobs;

internal sealed class SqliteJobStore(Database database) : IJobStore
{
    public Task<JobRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.ReadAsync($"reading job '{name}'", session => JobRows.FindByNameAsync(session, name, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<JobListItem>> ListAsync(JobListRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<JobListItem>>("listing jobs", async session => await session.QueryAsync(
            $"""
            SELECT {JobRows.Columns}, {RunRows.Columns}
            FROM jobs j
            LEFT JOIN runs r ON r.id = (SELECT MAX(id) FROM runs WHERE job_id = j.id)
            WHERE @after IS NULL OR j.name > @after
            ORDER BY j.name
            LIMIT @limit;
            """,
            reader => new JobListItem(
                JobRows.Read(reader),
                reader.IsDBNull(JobRows.ColumnCount) ? null : RunRows.Read(reader, JobRows.ColumnCount)),
            cancellationToken,
            ("@after", request.AfterName), ("@limit", request.Limit)), cancellationToken);

    public Task<JobWriteResult> CreateAsync(JobCreateRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"creating job '{request.Name}'", session => JobWrites.CreateAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> UpdateAsync(JobUpdateRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"updating job '{request.Name}'", session => JobWrites.UpdateAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> DeleteAsync(JobDeleteRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync($"deleting job '{request.Name}'", session => JobWrites.DeleteAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> SetPausedAsync(JobPauseRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync(
            $"{(request.Paused ? "pausing" : "resuming")} job '{request.Name}'",
            session => JobWrites.SetPausedAsync(session, request, cancellationToken),
            cancellationToken);

    public Task<JobApplyResult> ApplyAsync(JobApplyRequest request, CancellationToken cancellationToken) =>
        database.WriteAsync("applying job changes", session => JobApplication.ApplyAsync(session, request, cancellationToken), cancellationToken);

    public Task<PlanDueJobsResult> PlanDueAsync(PlanDueJobsRequest request, IFirePlanning planning, CancellationToken cancellationToken) =>
        database.WriteAsync("planning due jobs", session => DuePlanning.PlanAsync(session, request, planning, cancellationToken), cancellationToken);

    public Task<TriggerResult> TriggerAsync(TriggerRequest request, ITriggerPlanning planning, CancellationToken cancellationToken) =>
        database.WriteAsync($"triggering job '{request.Name}'", session => Triggering.TriggerAsync(session, request, planning, cancellationToken), cancellationToken);

    public Task<BackfillResult> BackfillAsync(BackfillRequest request, IBackfillPlanning planning, CancellationToken cancellationToken) =>
        database.WriteAsync($"backfilling job '{request.Name}'", session => Backfilling.BackfillAsync(session, request, planning, cancellationToken), cancellationToken);

    public Task<FireCounts?> CountFiresAsync(FireCountRequest request, CancellationToken cancellationToken) =>
        database.ReadAsync($"counting fires of job '{request.Name}'", session => Backfilling.CountFiresAsync(session, request, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) =>
        database.ReadAsync("reading the next due job", async session =>
        {
            var next = await session.ScalarAsync(
                "SELECT MIN(next_due_at) FROM jobs WHERE paused = 0 AND next_due_at IS NOT NULL;", cancellationToken);
            return next is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : (DateTimeOffset?)null;
        }, cancellationToken);
}
