using System.Text.Json;
using Punctual.Core.Gates;
using Punctual.Core.Jobs;

namespace Punctual.Core.Definitions;

/// <summary>A whole config file ("schedules as code"), as the gates and jobs it declares.</summary>
public sealed record ConfigDocument(
    IReadOnlyList<JobDefinition> Jobs,
    IReadOnlyList<GateDefinition> Gates,
    IReadOnlyList<Channels.ChannelDefinition>? Channels = null,
    IReadOnlyList<Monitors.MonitorDefinition>? Monitors = null);

/// <summary>
/// Reads a config document (YAML converted to JSON by the CLI, or JSON): <c>{ gates: { name: {…} }, jobs: { name: {…} } }</c>.
/// Errors carry paths like <c>jobs.monthly-invoices.retry.attempts</c>.
/// </summary>
public static class ConfigDocumentReader
{
    /// <summary>Most jobs one document may declare.</summary>
    public const int MaxJobs = 10_000;

    /// <summary>Most gates one document may declare.</summary>
    public const int MaxGates = 1_000;

    private static readonly Dictionary<string, string> Hints = new(StringComparer.Ordinal)
    {
        ["channel"] = "the section is called 'channels'",
        ["monitor"] = "the section is called 'monitors'",
    };

    public static ReadResult<ConfigDocument> Read(JsonElement root)
    {
        var errors = new FieldErrors();
        var reader = ObjectReader.Open(root, "", errors);
        if (reader is null)
        {
            return new ReadResult<ConfigDocument>(null, errors.All);
        }

        var jobs = new List<JobDefinition>();
        var jobsReader = reader.Object("jobs");
        if (jobsReader is not null)
        {
            var count = 0;
            foreach (var property in reader.Raw("jobs")!.Value.EnumerateObject())
            {
                if (++count > MaxJobs)
                {
                    errors.Add("jobs", $"declares more than {MaxJobs} jobs");
                    break;
                }

                var job = JobDefinitionReader.Read(property.Value, jobsReader.PathOf(property.Name), property.Name, errors);
                if (job is not null)
                {
                    jobs.Add(job);
                }
            }
        }

        var gates = new List<GateDefinition>();
        var gatesReader = reader.Object("gates");
        if (gatesReader is not null)
        {
            var count = 0;
            foreach (var property in reader.Raw("gates")!.Value.EnumerateObject())
            {
                if (++count > MaxGates)
                {
                    errors.Add("gates", $"declares more than {MaxGates} gates");
                    break;
                }

                var gate = GateDefinitionReader.Read(property.Value, gatesReader.PathOf(property.Name), property.Name, errors);
                if (gate is not null)
                {
                    gates.Add(gate);
                }
            }
        }

        var channels = ReadChannels(reader, errors);
        var monitors = ReadMonitors(reader, errors);

        // A job naming a gate the file does not declare is checked against the stored gates when applied.
        // A document without jobs is valid: applied with --prune it deletes every job.
        reader.RejectUnknown(Hints);
        return errors.Any
            ? new ReadResult<ConfigDocument>(null, errors.All)
            : new ReadResult<ConfigDocument>(new ConfigDocument(jobs, gates, channels, monitors), []);
    }

    private static List<Monitors.MonitorDefinition> ReadMonitors(ObjectReader reader, FieldErrors errors)
    {
        var monitors = new List<Monitors.MonitorDefinition>();
        var monitorsReader = reader.Object("monitors");
        if (monitorsReader is null)
        {
            return monitors;
        }

        foreach (var property in reader.Raw("monitors")!.Value.EnumerateObject())
        {
            if (monitors.Count >= MaxJobs)
            {
                errors.Add("monitors", $"declares more than {MaxJobs} monitors");
                break;
            }

            var monitor = MonitorDefinitionReader.Read(property.Value, monitorsReader.PathOf(property.Name), property.Name, errors);
            if (monitor is not null)
            {
                monitors.Add(monitor);
            }
        }

        return monitors;
    }

    private static List<Channels.ChannelDefinition> ReadChannels(ObjectReader reader, FieldErrors errors)
    {
        var channels = new List<Channels.ChannelDefinition>();
        var channelsReader = reader.Object("channels");
        if (channelsReader is null)
        {
            return channels;
        }

        foreach (var property in reader.Raw("channels")!.Value.EnumerateObject())
        {
            if (channels.Count >= MaxGates)
            {
                errors.Add("channels", $"declares more than {MaxGates} channels");
                break;
            }

            var channel = ChannelDefinitionReader.Read(property.Value, channelsReader.PathOf(property.Name), property.Name, errors);
            if (channel is not null)
            {
                channels.Add(channel);
            }
        }

        return channels;
    }
}
