using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/Punctual.Bench.Micro -- --filter '*'   (add --job short for a quick look)
BenchmarkSwitcher.FromAssembly(typeof(Punctual.Bench.Micro.Jobs).Assembly).Run(args);
