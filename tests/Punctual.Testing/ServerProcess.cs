using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Punctual.Testing;

/// <summary>
/// A real <c>punctual serve</c> process on a loopback port and a SQLite file, for end-to-end tests. It can be
/// stopped gracefully (SIGTERM), killed (SIGKILL) and started again on the same store and port.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    public const string AdminKey = "pk_e2e_admin_key_0123456789abcdefgh";

    private readonly string _store;
    private readonly Dictionary<string, string?> _environment;
    private readonly IReadOnlyList<string> _arguments;
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(string store, int port, Dictionary<string, string?> environment, IReadOnlyList<string>? arguments = null)
    {
        _arguments = arguments ?? [];
        _store = store;
        Port = port;
        _environment = environment;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");

    /// <summary>Everything the process(es) printed so far, stdout and stderr interleaved.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public int? ProcessId => _process?.Id;

    /// <summary>The node id the current (or last) process announced at start; new at every start.</summary>
    public string NodeId
    {
        get
        {
            const string marker = "node: ";
            var output = Output;
            var at = output.LastIndexOf(marker, StringComparison.Ordinal);
            if (at < 0)
            {
                throw new InvalidOperationException("The server has not announced its node id.");
            }

            var start = at + marker.Length;
            return output[start..output.IndexOf(')', start)];
        }
    }

    /// <summary>A server on a SQLite file.</summary>
    public static Task<ServerProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string?>? environment = null, IReadOnlyList<string>? arguments = null) =>
        StartOnStoreAsync($"sqlite:{databasePath}", environment, arguments);

    /// <summary>A server on any store (<c>sqlite:…</c> or <c>postgresql://…</c>); several may share a PostgreSQL store.</summary>
    /// <param name="arguments">Extra arguments for <c>punctual serve</c>, e.g. <c>--allow-commands</c>.</param>
    public static async Task<ServerProcess> StartOnStoreAsync(string store, IReadOnlyDictionary<string, string?>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>()) { ["PUNCTUAL_ADMIN_KEY"] = AdminKey };
        var server = new ServerProcess(store, FreePort.Next(), env, arguments);
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (or restarts) the process and waits until /healthz answers.</summary>
    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The server is already running.");
        }

        var info = PunctualBinary.StartInfo(["serve", "--listen", BaseUrl.ToString().TrimEnd('/'), "--store", _store, .. _arguments], _environment);
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilHealthyAsync(process);
    }

    /// <summary>SIGKILL: the process dies at once, mid-work, with no chance to clean up.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: graceful shutdown; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        if (!process.HasExited)
        {
            _ = SendSignal(process.Id, 15);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30), TimeProvider.System);
            await process.WaitForExitAsync(cts.Token);
        }

        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private async Task WaitUntilHealthyAsync(Process process)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"punctual serve exited with {process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "healthz"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        throw new TimeoutException($"punctual serve did not become healthy within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
