using System.Text.Json;

namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary>
    /// <c>POST /apply</c>: plans the config document (<c>{ "jobs": { name: {…} } }</c>) against the server and, unless
    /// <paramref name="dryRun"/>, applies the plan in one transaction. <paramref name="prune"/> deletes jobs the
    /// document does not name. An invalid document is refused whole (422 naming <c>jobs.&lt;name&gt;.&lt;field&gt;</c>).
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(JsonElement document, bool dryRun = false, bool prune = false, CancellationToken cancellationToken = default)
    {
        var path = "apply" + Query(("dry_run", Text(dryRun)), ("prune", Text(prune)));
        return (await SendAsync<ApplyResult>(HttpMethod.Post, path, document, cancellationToken).ConfigureAwait(false)).Value;
    }
}
