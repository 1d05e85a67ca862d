using System.Reflection;
using Punctual.Storage;
using Punctual.Storage.Alerts;
using Punctual.Storage.Jobs;
using Punctual.Storage.Keys;
using Punctual.Storage.Monitors;
using Punctual.Storage.Gates;
using Punctual.Storage.Nodes;
using Punctual.Storage.Notifications;
using Punctual.Storage.Runs;

namespace Punctual.Engine.Telemetry;

/// <summary>
/// A store that times every call (punctual.store.duration, by operation such as <c>runs.ClaimDue</c>) and passes it
/// on unchanged. Each capability is wrapped by a <see cref="DispatchProxy"/>, so a new contract method is measured
/// without code here.
/// </summary>
public sealed class MeasuredStore : IPunctualStore
{
    private readonly IPunctualStore _inner;

    public MeasuredStore(IPunctualStore inner, EngineMetrics metrics, TimeProvider time)
    {
        _inner = inner;
        Jobs = Measure(inner.Jobs, "jobs", metrics, time);
        Runs = Measure(inner.Runs, "runs", metrics, time);
        ApiKeys = Measure(inner.ApiKeys, "keys", metrics, time);
        Nodes = Measure(inner.Nodes, "nodes", metrics, time);
        Gates = Measure(inner.Gates, "gates", metrics, time);
        Alerts = Measure(inner.Alerts, "alerts", metrics, time);
        Monitors = Measure(inner.Monitors, "monitors", metrics, time);
    }

    public StoreCapabilities Capabilities => _inner.Capabilities;

    public IJobStore Jobs { get; }

    public IRunStore Runs { get; }

    public IApiKeyStore ApiKeys { get; }

    public INodeStore Nodes { get; }

    public IGateStore Gates { get; }

    public IAlertStore Alerts { get; }

    public IMonitorStore Monitors { get; }

    public IStoreNotifications? Notifications => _inner.Notifications;

    public Task MigrateAsync(CancellationToken cancellationToken) => _inner.MigrateAsync(cancellationToken);

    /// <summary>Does nothing: the inner store belongs to whoever opened it (the composition root disposes it).</summary>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static T Measure<T>(T inner, string capability, EngineMetrics metrics, TimeProvider time)
        where T : class
    {
        var proxy = DispatchProxy.Create<T, TimingProxy>();
        ((TimingProxy)(object)proxy).Init(inner, capability, metrics, time);
        return proxy;
    }

    /// <summary>Times the task a call returns; the caller gets that same task.</summary>
#pragma warning disable CA1852 // DispatchProxy needs an unsealed, public, parameterless-constructible type.
    public class TimingProxy : DispatchProxy
#pragma warning restore CA1852
    {
        private object _inner = null!;
        private string _capability = "";
        private EngineMetrics _metrics = null!;
        private TimeProvider _time = null!;

        internal void Init(object inner, string capability, EngineMetrics metrics, TimeProvider time)
        {
            _inner = inner;
            _capability = capability;
            _metrics = metrics;
            _time = time;
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(targetMethod);
            var started = _time.GetTimestamp();
            var operation = $"{_capability}.{(targetMethod.Name.EndsWith("Async", StringComparison.Ordinal) ? targetMethod.Name[..^5] : targetMethod.Name)}";
            object? result;
            try
            {
                result = targetMethod.Invoke(_inner, args);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                _metrics.StoreCall(operation, _time.GetElapsedTime(started), failed: true);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
                throw;
            }

            if (result is Task task)
            {
                task.ContinueWith(
                    t => _metrics.StoreCall(operation, _time.GetElapsedTime(started), t.IsFaulted),
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            return result;
        }
    }
}
