using Punctual.Core.Outcomes;
using Punctual.Core.Targets;
using Punctual.Engine.Hosting;

namespace Punctual.Engine.Targets;

/// <summary>Hands an attempt to the target that carries it out: an HTTP call, or a command on this node.</summary>
public sealed class TargetRouter(HttpTarget http, CommandTarget command, EngineOptions options)
{
    /// <param name="abort">Cancelled when the attempt must stop early (run cancelled, lease lost, shutdown).</param>
    public Task<AttemptResult> SendAsync(AttemptRequest request, CancellationToken abort) => request.Target switch
    {
        HttpTargetSpec => http.SendAsync(request, abort),

        // Claims leave command runs to nodes that allow them, so this is a safety net; transient, so a node that
        // does allow commands still runs the attempt.
        CommandTargetSpec when !options.AllowCommands => Task.FromResult(AttemptResult.Transient(
            ErrorClasses.Configuration, "this node does not run command targets (start it with --allow-commands)")),
        CommandTargetSpec => command.RunAsync(request, abort),
        _ => throw new ArgumentException($"Unknown target type {request.Target.GetType().Name}.", nameof(request)),
    };
}
