using Punctual.Storage.Jobs;
using Punctual.Storage.Postgres.Connections;
using Punctual.Storage.Postgres.Runs;

namespace Punctual.Storage.Postgres.Jobs;

/// <summary>Jobs on PostgreSQL. Single-statement writes run in autocommit; planning, triggers and apply in transactions.</summary>
internal sealed class PostgresJobStore(Database database) : IJobStore
{
    public Task<JobRecord?> GetAsync(string name, CancellationToken cancellationToken) =>
        database.RunAsync($"reading job '{name}'", session => JobRows.FindByNameAsync(session, name, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<JobListItem>> ListAsync(JobListRequest request, CancellationToken cancellationToken) =>
        database.RunAsync<IReadOnlyList<JobListItem>>("listing jobs", async session => await session.QueryAsync(
            $"""
            SELECT {JobRows.Columns}, {RunRows.Columns}
            FROM jobs j
            LEFT JOIN runs r ON r.id = (SELECT max(id) FROM runs WHERE job_id = j.id)
            WHERE @after::text IS NULL OR j.name > @after::text
            ORDER BY j.name
            LIMIT @limit;
            """,
            reader => new JobListItem(
                JobRows.Read(reader),
                reader.IsDBNull(JobRows.ColumnCount) ? null : RunRows.Read(reader, JobRows.ColumnCount)),
            cancellationToken,
            ("after", request.AfterName), ("limit", request.Limit)), cancellationToken);

    public Task<JobWriteResult> CreateAsync(JobCreateRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"creating job '{request.Name}'", session => JobWrites.CreateAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> UpdateAsync(JobUpdateRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"updating job '{request.Name}'", session => JobWrites.UpdateAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> DeleteAsync(JobDeleteRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"deleting job '{request.Name}'", session => JobWrites.DeleteAsync(session, request, cancellationToken), cancellationToken);

    public Task<JobWriteResult> SetPausedAsync(JobPauseRequest request, CancellationToken cancellationToken) =>
        database.RunAsync(
            $"{(request.Paused ? "pausing" : "resuming")} job '{request.Name}'",
            session => JobWrites.SetPausedAsync(session, request, cancellationToken),
            cancellationToken);

    public Task<JobApplyResult> ApplyAsync(JobApplyRequest request, CancellationToken cancellationToken) =>
        database.TransactionAsync("applying job changes", session => JobApplication.ApplyAsync(session, request, cancellationToken), cancellationToken);

    public Task<PlanDueJobsResult> PlanDueAsync(PlanDueJobsRequest request, IFirePlanning planning, CancellationToken cancellationToken) =>
        database.TransactionAsync("planning due jobs", session => DuePlanning.PlanAsync(session, request, planning, cancellationToken), cancellationToken);

    public Task<TriggerResult> TriggerAsync(TriggerRequest request, ITriggerPlanning planning, CancellationToken cancellationToken) =>
        database.TransactionAsync(
            $"triggering job '{request.Name}'",
            session => Triggering.TriggerAsync(session, request, planning, cancellationToken),
            cancellationToken);

    public Task<BackfillResult> BackfillAsync(BackfillRequest request, IBackfillPlanning planning, CancellationToken cancellationToken) =>
        database.TransactionAsync($"backfilling job '{request.Name}'", session => Backfilling.BackfillAsync(session, request, planning, cancellationToken), cancellationToken);

    public Task<FireCounts?> CountFiresAsync(FireCountRequest request, CancellationToken cancellationToken) =>
        database.RunAsync($"counting fires of job '{request.Name}'", session => Backfilling.CountFiresAsync(session, request, cancellationToken), cancellationToken);

    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) =>
        database.RunAsync("reading the next due job", async session => (await session.QueryAsync(
            "SELECT min(next_due_at) FROM jobs WHERE NOT paused AND next_due_at IS NOT NULL;",
            reader => reader.GetNullableInstant(0),
            cancellationToken))[0], cancellationToken);
}
