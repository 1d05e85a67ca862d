using Punctual.Cli;
using Punctual.Cli.Invocation;

return await Cli.RunAsync(args, Console.Out, Console.Error, ProcessEnvironment.Instance);
