using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>GET /jobs</c>: one page of jobs by name, starting after <paramref name="after"/> (limit 1..1000, server default 500).</summary>
    public Task<JobPage> ListJobsAsync(string? after = null, int? limit = null, CancellationToken cancellationToken = default) =>
        GetAsync<JobPage>("jobs" + Query(("after", after), ("limit", Text(limit))), cancellationToken);

    /// <summary>Every job, following <see cref="JobPage.NextCursor"/> page by page.</summary>
    public async IAsyncEnumerable<Job> ListAllJobsAsync(int? pageSize = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        do
        {
            var page = await ListJobsAsync(after, pageSize, cancellationToken).ConfigureAwait(false);
            foreach (var job in page.Items)
            {
                yield return job;
            }

            // A cursor that does not move would loop forever; the API's cursors always advance.
            if (page.NextCursor is not null && page.NextCursor == after)
            {
                throw new PunctualApiException(HttpStatusCode.OK, new ApiProblem
                {
                    Title = "The server's paging does not advance",
                    Detail = $"next_cursor '{after}' was returned twice",
                });
            }

            after = page.NextCursor;
        }
        while (after is not null);
    }

    /// <summary><c>GET /jobs/{name}</c>.</summary>
    public Task<Job> GetJobAsync(string name, CancellationToken cancellationToken = default) =>
        GetAsync<Job>("jobs/" + Segment(name), cancellationToken);

    /// <summary><c>POST /jobs</c> with a definition that includes <c>name</c>; 409 when the name exists.</summary>
    public async Task<Job> CreateJobAsync(JsonElement definition, CancellationToken cancellationToken = default) =>
        (await SendAsync<Job>(HttpMethod.Post, "jobs", definition, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>PUT /jobs/{name}</c>: creates or replaces the job (the definition's <c>name</c> is optional, and must match).</summary>
    public async Task<JobPut> PutJobAsync(string name, JsonElement definition, CancellationToken cancellationToken = default)
    {
        var (job, status) = await SendAsync<Job>(HttpMethod.Put, "jobs/" + Segment(name), definition, cancellationToken).ConfigureAwait(false);
        return new JobPut(job, status == HttpStatusCode.Created);
    }

    /// <summary><c>DELETE /jobs/{name}</c>: deletes the job and its run history.</summary>
    public Task DeleteJobAsync(string name, CancellationToken cancellationToken = default) =>
        SendWithoutAnswerAsync(HttpMethod.Delete, "jobs/" + Segment(name), cancellationToken);

    /// <summary>
    /// <c>POST /jobs/{name}/trigger</c>: a run now, with <paramref name="body"/> replacing the target's body when given.
    /// The run may come back <c>skipped</c> (overlap policy), with its <see cref="Run.Reason"/>.
    /// </summary>
    public async Task<Run> TriggerJobAsync(string name, JsonElement? body = null, CancellationToken cancellationToken = default)
    {
        var request = new TriggerRequest(body);
        return (await SendAsync<Run>(HttpMethod.Post, $"jobs/{Segment(name)}/trigger", request, cancellationToken).ConfigureAwait(false)).Value;
    }

    /// <summary><c>POST /jobs/{name}/pause</c>.</summary>
    public async Task<Job> PauseJobAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<Job>(HttpMethod.Post, $"jobs/{Segment(name)}/pause", null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>POST /jobs/{name}/resume</c>.</summary>
    public async Task<Job> ResumeJobAsync(string name, CancellationToken cancellationToken = default) =>
        (await SendAsync<Job>(HttpMethod.Post, $"jobs/{Segment(name)}/resume", null, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary><c>GET /jobs/{name}/next</c>: the next fires as the server computes them (count 1..100, server default 10).</summary>
    public async Task<IReadOnlyList<JobFire>> GetNextFiresAsync(string name, int? count = null, CancellationToken cancellationToken = default)
    {
        var answer = await GetAsync<NextFires>($"jobs/{Segment(name)}/next" + Query(("count", Text(count))), cancellationToken).ConfigureAwait(false);
        return answer.Fires;
    }

    /// <summary>The trigger body: <c>{}</c>, or <c>{ "body": … }</c> to override the target's body.</summary>
    private sealed record TriggerRequest([property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonElement? Body);

    private sealed record NextFires(IReadOnlyList<JobFire> Fires);
}
