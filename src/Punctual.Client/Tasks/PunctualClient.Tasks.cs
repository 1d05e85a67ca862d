using System.Net;
using System.Text.Json;

namespace Punctual.Client;

public sealed partial class PunctualClient
{
    /// <summary><c>POST /tasks</c>: a one-shot run. With a <see cref="TaskRequest.Key"/> used before, the existing run comes back (Created = false).</summary>
    public Task<TaskCreation> CreateTaskAsync(TaskRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return CreateTaskCoreAsync(request, cancellationToken);
    }

    /// <summary><c>POST /tasks</c> with a body written by the caller, for fields this SDK version does not know.</summary>
    public Task<TaskCreation> CreateTaskAsync(JsonElement request, CancellationToken cancellationToken = default) =>
        CreateTaskCoreAsync(request, cancellationToken);

    private async Task<TaskCreation> CreateTaskCoreAsync(object request, CancellationToken cancellationToken)
    {
        var (run, status) = await SendAsync<Run>(HttpMethod.Post, "tasks", request, cancellationToken).ConfigureAwait(false);
        return new TaskCreation(run, status == HttpStatusCode.Created);
    }
}
