using System.Net;
using System.Text.Json.Nodes;
using Punctual.Bench.Hosting;

namespace Punctual.Bench.Workloads;

/// <summary>Ways of putting many jobs and tasks into a server through its public API.</summary>
internal static class Seeding
{
    /// <summary>Applies <paramref name="jobs"/> as config documents of <paramref name="chunk"/> jobs each, one after another.</summary>
    public static async Task ApplyAsync(PunctualApi api, IEnumerable<(string Name, JsonObject Definition)> jobs, int chunk, CancellationToken cancellationToken)
    {
        foreach (var batch in jobs.Chunk(chunk))
        {
            var document = new JsonObject();
            foreach (var (name, definition) in batch)
            {
                document[name] = definition;
            }

            await api.SendCheckedAsync(HttpMethod.Post, "api/v1/apply", PunctualApi.Json(new JsonObject { ["jobs"] = document }), cancellationToken);
        }
    }

    /// <summary>
    /// POSTs <paramref name="count"/> bodies to <paramref name="path"/>, <paramref name="parallelism"/> at a time; each
    /// must answer 201. Bodies are made as they are sent, so a million of them never sit in memory at once.
    /// </summary>
    public static Task PostAllAsync(PunctualApi api, string path, int count, Func<int, byte[]> body, int parallelism, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => await api.SendCheckedAsync(HttpMethod.Post, path, body(i), ct, HttpStatusCode.Created));

    /// <summary>A one-shot task to <paramref name="url"/> due at <paramref name="at"/>, with an idempotency <paramref name="key"/>.</summary>
    public static byte[] TaskBody(string url, DateTimeOffset at, string key) =>
        PunctualApi.Json(new JsonObject
        {
            ["target"] = new JsonObject { ["url"] = url },
            ["at"] = ApiText.Instant(at),
            ["key"] = key,
        });
}
