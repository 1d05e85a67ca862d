namespace Punctual.Core.Targets;

/// <summary>
/// A program an attempt runs on a node: <see cref="Argv"/> (no shell; the first item is the program), extra
/// environment variables (values may hold <c>${env:NAME}</c> references, resolved on the node at dispatch and never
/// stored resolved), an absolute working directory (null: the server's), and the exit codes that mean "do not retry".
/// Exit 0 is success; any other exit is a failure, retried by the job's retry policy unless listed in
/// <see cref="PermanentExitCodes"/>. Only nodes started with <c>--allow-commands</c> run them.
/// </summary>
public sealed record CommandTargetSpec(
    IReadOnlyList<string> Argv,
    IReadOnlyList<KeyValuePair<string, string>> Env,
    string? WorkDir,
    IReadOnlyList<int> PermanentExitCodes) : TargetSpec
{
    public const int MaxArguments = 256;

    public const int MaxArgumentLength = 4_096;

    public const int MaxEnv = 100;

    public bool Equals(CommandTargetSpec? other) =>
        other is not null
        && WorkDir == other.WorkDir
        && Argv.SequenceEqual(other.Argv)
        && Env.SequenceEqual(other.Env)
        && PermanentExitCodes.SequenceEqual(other.PermanentExitCodes);

    public override int GetHashCode() => HashCode.Combine(WorkDir, Argv.Count, Env.Count, PermanentExitCodes.Count);
}
