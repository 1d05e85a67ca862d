using Punctual.Core.Retries;
using Punctual.Core.Targets;

namespace Punctual.Core.Tasks;

/// <summary>What an attempt of a task needs: stored beside the task's run, since a task has no job row.</summary>
public sealed record TaskSpec(HttpTargetSpec Target, TimeSpan Timeout, RetryPolicy Retry);
