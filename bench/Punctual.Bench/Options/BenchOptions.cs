using System.Globalization;

namespace Punctual.Bench.Options;

/// <summary>
/// The driver's command line (bench/run.sh builds it). Workload names are positional (W1 … W6); none means the
/// default set: W1–W3 with <c>--quick</c>, W1, W2, W3 and W6 otherwise.
/// </summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        usage: punctual-bench --punctual PATH --sink PATH --work DIR --results FILE
                              [--quick] [--store sqlite|postgres] [--repeat N] [--engine Option=Value]…
                              [--sdk VERSION] [--commit SHA] [--priority TEXT] [--postgres-script PATH] [W1 … W6]
               punctual-bench --summarize FILE…
        """;

    public bool Quick { get; init; }

    public string Store { get; init; } = "sqlite";

    public int Repeat { get; init; } = 1;

    public IReadOnlyList<string> Workloads { get; init; } = [];

    /// <summary>The `punctual` executable (a published copy, so concurrent rebuilds of src/ cannot change it mid-run).</summary>
    public string Punctual { get; init; } = "";

    /// <summary>The sink executable.</summary>
    public string Sink { get; init; } = "";

    /// <summary>A private temporary directory: stores, logs, the pid file.</summary>
    public string Work { get; init; } = "";

    /// <summary>The JSON-lines file every result line is appended to.</summary>
    public string Results { get; init; } = "";

    /// <summary>Extra engine settings for every server started (PUNCTUAL_ENGINE__Option=Value).</summary>
    public IReadOnlyDictionary<string, string> Engine { get; init; } = new Dictionary<string, string>();

    public string? SdkVersion { get; init; }

    public string? Commit { get; init; }

    /// <summary>How run.sh prioritised the processes (e.g. "nice -n -10 ionice -c 2 -n 0"), for the record.</summary>
    public string? Priority { get; init; }

    /// <summary>scripts/postgres.sh (starts and stops the throwaway PostgreSQL server of <c>--store postgres</c>).</summary>
    public string PostgresScript { get; init; } = "";

    /// <summary>Files to summarize (medians per workload) instead of running anything.</summary>
    public IReadOnlyList<string> Summarize { get; init; } = [];

    public string PidFile => Path.Combine(Work, "pids");

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        var workloads = new List<string>();
        var engine = new Dictionary<string, string>(StringComparer.Ordinal);
        var summarize = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value");
            switch (arg)
            {
                case "--quick":
                    options = options with { Quick = true };
                    break;
                case "--store":
                    options = options with { Store = Value() };
                    break;
                case "--repeat":
                    options = options with { Repeat = int.Parse(Value(), CultureInfo.InvariantCulture) };
                    break;
                case "--punctual":
                    options = options with { Punctual = Value() };
                    break;
                case "--sink":
                    options = options with { Sink = Value() };
                    break;
                case "--work":
                    options = options with { Work = Value() };
                    break;
                case "--results":
                    options = options with { Results = Value() };
                    break;
                case "--sdk":
                    options = options with { SdkVersion = Value() };
                    break;
                case "--commit":
                    options = options with { Commit = Value() };
                    break;
                case "--priority":
                    options = options with { Priority = Value() };
                    break;
                case "--postgres-script":
                    options = options with { PostgresScript = Value() };
                    break;
                case "--engine":
                    var pair = Value().Split('=', 2);
                    if (pair.Length != 2 || pair[0].Length == 0)
                    {
                        throw new ArgumentException($"--engine expects Option=Value, got '{string.Join('=', pair)}'");
                    }

                    engine[pair[0]] = pair[1];
                    break;
                case "--summarize":
                    while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        summarize.Add(args[++i]);
                    }

                    break;
                default:
                    if (arg.Length == 2 && arg[0] is 'W' or 'w' && char.IsDigit(arg[1]))
                    {
                        workloads.Add(arg.ToUpperInvariant());
                        break;
                    }

                    throw new ArgumentException($"unknown argument '{arg}'");
            }
        }

        options = options with { Workloads = workloads.Distinct().ToList(), Engine = engine, Summarize = summarize };
        if (summarize.Count > 0)
        {
            return options;
        }

        if (options.Repeat is < 1 or > 10)
        {
            throw new ArgumentException("--repeat must be between 1 and 10");
        }

        foreach (var (name, value) in new[] { ("--punctual", options.Punctual), ("--sink", options.Sink), ("--work", options.Work), ("--results", options.Results) })
        {
            if (string.IsNullOrEmpty(value))
            {
                throw new ArgumentException($"{name} is required");
            }
        }

        return options;
    }
}
