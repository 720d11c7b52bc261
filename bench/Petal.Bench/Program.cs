using BenchmarkDotNet.Running;

// Run one: dotnet run -c Release --project bench/Petal.Bench -- --filter '*SpecParser*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
