namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary>
    /// <c>POST /jobs/{name}/backfill</c>: creates the job's fires in [<paramref name="from"/>, <paramref name="to"/>], each
    /// once (fires that have a run keep it); with <paramref name="dryRun"/>, only counts them.
    /// </summary>
    public async Task<BackfillResult> BackfillJobAsync(
        string name, DateTimeOffset from, DateTimeOffset to, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        var body = new Dictionary<string, object?> { ["from"] = InstantText(from), ["to"] = InstantText(to), ["dry_run"] = dryRun };
        return (await SendAsync<BackfillResult>(HttpMethod.Post, $"jobs/{Segment(name)}/backfill", body, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary><c>GET /jobs/{name}/backfill</c>: the fires of the range by the state of their runs.</summary>
    public Task<BackfillProgress> GetBackfillProgressAsync(string name, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        GetAsync<BackfillProgress>($"jobs/{Segment(name)}/backfill" + Query(("from", InstantText(from)), ("to", InstantText(to))), cancellationToken);
}
