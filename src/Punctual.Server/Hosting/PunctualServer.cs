using System.Net.Sockets;
using Punctual.Engine.Nodes;
using Punctual.Storage;

namespace Punctual.Server.Hosting;

/// <summary>What <c>punctual serve</c> starts: where to listen, which store, and the bootstrap admin key (if any).</summary>
public sealed record ServeSettings(string Listen, string Store, string? AdminKey)
{
    /// <summary>Whether this node runs command targets (<c>--allow-commands</c>): code execution on this machine. Default: false.</summary>
    public bool AllowCommands { get; init; }

    /// <summary>How logs are written to stdout (<c>--log-format</c>). Default: text.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}

/// <summary>The server's entry point, used by <c>punctual serve</c>.</summary>
public static class PunctualServer
{
    public const string DefaultListen = "http://127.0.0.1:5080";
    public const string DefaultStore = "sqlite:./punctual.db";

    /// <summary>
    /// Opens and migrates the store, ensures an admin key, serves until <paramref name="cancellationToken"/> fires or
    /// the process gets SIGINT/SIGTERM. Returns the exit code: 0 after a clean stop, 1 when it cannot start.
    /// </summary>
    public static async Task<int> RunAsync(ServeSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(settings.Listen, UriKind.Absolute, out var listen) || listen.Scheme is not ("http" or "https"))
        {
            await output.WriteLineAsync($"error: --listen '{settings.Listen}' is not a URL such as http://127.0.0.1:5080").ConfigureAwait(false);
            return 2;
        }

        IPunctualStore store;
        try
        {
            store = await StoreLocator.OpenAsync(settings.Store, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or StoreLockedException or StoreException)
        {
            await output.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            return e is ArgumentException ? 2 : 1;
        }

        await using (store.ConfigureAwait(false))
        {
            try
            {
                await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
                await BootstrapKey.EnsureAsync(store, settings.AdminKey, output, TimeProvider.System, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is ArgumentException or StoreException)
            {
                await output.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
                return e is ArgumentException ? 2 : 1;
            }

            var app = ServerApp.Build(new ServerHostOptions
            {
                Listen = settings.Listen,
                Store = store,
                LogFormat = settings.LogFormat,
                ConfigureEngine = engine => engine.AllowCommands = settings.AllowCommands,
            });
            await using (app.ConfigureAwait(false))
            {
                try
                {
                    await app.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e) when (e.InnerException is SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
                {
                    await output.WriteLineAsync($"error: cannot listen on {settings.Listen}: {e.Message}").ConfigureAwait(false);
                    return 1;
                }

                var node = app.Services.GetRequiredService<NodeIdentity>();
                await output.WriteLineAsync($"Punctual is serving on {settings.Listen} (store: {StoreLocator.Redact(settings.Store)}, node: {node.Id}). Stop with Ctrl+C.").ConfigureAwait(false);
                if (settings.AllowCommands)
                {
                    await output.WriteLineAsync("Command targets are allowed: this node runs command jobs' programs as its own user.").ConfigureAwait(false);
                }

                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
        }
    }
}
