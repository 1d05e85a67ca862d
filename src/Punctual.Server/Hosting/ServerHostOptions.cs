using Punctual.Engine.Hosting;
using Punctual.Storage;

namespace Punctual.Server.Hosting;

/// <summary>How to compose a server: where it listens, an open and migrated store, the clock, and engine settings.</summary>
public sealed class ServerHostOptions
{
    public required string Listen { get; init; }

    public required IPunctualStore Store { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Action<EngineOptions>? ConfigureEngine { get; init; }

    /// <summary>Run the engine's loops (off in tests that drive them by hand). Default: true.</summary>
    public bool StartEngine { get; init; } = true;

    /// <summary>Minimum log level; logs go to stdout. Default: Information.</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    /// <summary>Readable lines or JSON objects (<c>--log-format</c>). Default: text.</summary>
    public LogFormat LogFormat { get; init; } = LogFormat.Text;
}
