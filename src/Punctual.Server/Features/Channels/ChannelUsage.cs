using Punctual.Core.Definitions;
using Punctual.Core.Jobs;
using Punctual.Storage;

namespace Punctual.Server.Features.Channels;

/// <summary>Which channels jobs' alert blocks name, and the field errors of a job naming channels that do not exist.</summary>
public static class ChannelUsage
{
    /// <summary>Errors for every channel of <paramref name="channels"/> (a monitor's) that is not stored; <paramref name="field"/> is the list's path.</summary>
    public static async Task<List<FieldError>> UnknownChannelsAsync(IPunctualStore store, IReadOnlyList<string> channels, string field, CancellationToken ct)
    {
        var stored = (await store.Alerts.ListChannelsAsync(ct)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return channels
            .Select((name, i) => (name, i))
            .Where(c => !stored.Contains(c.name))
            .Select(c => new FieldError($"{field}[{c.i}]", $"no channel named '{c.name}'; create it first"))
            .ToList();
    }

    /// <summary>Errors for every channel <paramref name="job"/>'s alert names that is neither stored nor in <paramref name="declared"/>.</summary>
    public static async Task<List<FieldError>> UnknownChannelsAsync(
        IPunctualStore store, JobDefinition job, string path, IReadOnlySet<string>? declared, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (job.Alert is null)
        {
            return errors;
        }

        var stored = (await store.Alerts.ListChannelsAsync(ct)).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < job.Alert.Channels.Count; i++)
        {
            var name = job.Alert.Channels[i];
            if (!stored.Contains(name) && declared?.Contains(name) != true)
            {
                errors.Add(new FieldError(FieldErrors.Join(path, $"alert.channels[{i}]"), $"no channel named '{name}'; declare it under 'channels:' or create it first"));
            }
        }

        return errors;
    }

    /// <summary>
    /// For <c>apply</c>: jobs of the document whose alert names a channel the document does not declare and the store
    /// does not hold (or that prune would delete), as field errors — checked before anything is written.
    /// </summary>
    public static List<FieldError> UndeclaredChannels(ConfigDocument document, IReadOnlySet<string> stored, bool prune)
    {
        var declared = (document.Channels ?? []).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var errors = new List<FieldError>();
        foreach (var job in document.Jobs.Where(j => j.Alert is not null))
        {
            for (var i = 0; i < job.Alert!.Channels.Count; i++)
            {
                var name = job.Alert.Channels[i];
                if (declared.Contains(name) || (!prune && stored.Contains(name)))
                {
                    continue;
                }

                errors.Add(new FieldError(
                    $"jobs.{job.Name}.alert.channels[{i}]",
                    prune && stored.Contains(name)
                        ? $"channel '{name}' is not declared in this file, so prune would delete it; declare it under 'channels:'"
                        : $"no channel named '{name}'; declare it under 'channels:' or create it first"));
            }
        }

        foreach (var gate in document.Gates.Where(g => g.Alert is not null))
        {
            for (var i = 0; i < gate.Alert!.Channels.Count; i++)
            {
                var name = gate.Alert.Channels[i];
                if (!declared.Contains(name) && (prune || !stored.Contains(name)))
                {
                    errors.Add(new FieldError(
                        $"gates.{gate.Name}.alert.channels[{i}]",
                        prune && stored.Contains(name)
                            ? $"channel '{name}' is not declared in this file, so prune would delete it; declare it under 'channels:'"
                            : $"no channel named '{name}'; declare it under 'channels:' or create it first"));
                }
            }
        }

        foreach (var monitor in document.Monitors ?? [])
        {
            for (var i = 0; i < monitor.Channels.Count; i++)
            {
                var name = monitor.Channels[i];
                if (!declared.Contains(name) && (prune || !stored.Contains(name)))
                {
                    errors.Add(new FieldError($"monitors.{monitor.Name}.channels[{i}]", $"no channel named '{name}'; declare it under 'channels:' or create it first"));
                }
            }
        }

        return errors;
    }

    /// <summary>The jobs and gates whose alert block, and the monitors, that name <paramref name="channel"/>.</summary>
    public static async Task<List<string>> JobsNamingAsync(IPunctualStore store, string channel, DateTimeOffset now, CancellationToken ct) =>
        (await store.Alerts.ListAlertingJobsAsync(ct))
            .Where(j => JobDefinitionWriter.FromJson(j.SpecJson).Alert?.Channels.Contains(channel) == true)
            .Select(j => $"job '{j.Name}'")
            .Concat((await store.Monitors.ListAsync(ct))
                .Where(m => MonitorDefinitionWriter.FromJson(m.SpecJson).Channels.Contains(channel))
                .Select(m => $"monitor '{m.Name}'"))
            .Concat((await store.Gates.ListBacklogAlertsAsync(now, ct))
                .Where(g => g.Alert.Channels.Contains(channel))
                .Select(g => $"gate '{g.Name}'"))
            .ToList();
}
