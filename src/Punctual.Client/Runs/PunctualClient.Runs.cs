namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /runs</c>: one page of runs, newest first, filtered by <paramref name="query"/>.</summary>
    public Task<RunPage> ListRunsAsync(RunQuery? query = null, CancellationToken cancellationToken = default)
    {
        var q = query ?? new RunQuery();
        var path = "runs" + Query(("job", q.Job), ("state", q.State), ("origin", q.Origin), ("cursor", q.Cursor), ("limit", Text(q.Limit)));
        return GetAsync<RunPage>(path, cancellationToken);
    }

    /// <summary><c>GET /runs/{id}</c>: the run with its attempts.</summary>
    public Task<Run> GetRunAsync(long id, CancellationToken cancellationToken = default) =>
        GetAsync<Run>("runs/" + Segment(id), cancellationToken);

    /// <summary><c>POST /runs/{id}/retry</c>: replays a dead or cancelled run (same idempotency key); 409 otherwise.</summary>
    public async Task<Run> RetryRunAsync(long id, CancellationToken cancellationToken = default) =>
        (await SendAsync<Run>(HttpMethod.Post, $"runs/{Segment(id)}/retry", null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>POST /runs/{id}/cancel</c>: cancels a pending, failed or running run; 409 otherwise.</summary>
    public async Task<Run> CancelRunAsync(long id, CancellationToken cancellationToken = default) =>
        (await SendAsync<Run>(HttpMethod.Post, $"runs/{Segment(id)}/cancel", null, cancellationToken).ConfigureAwait(false)).Value;
}
