using BenchmarkDotNet.Running;

// Garden service load test (not BenchmarkDotNet): dotnet run -c Release --project bench/Petal.Bench -- garden-load
if (args is ["garden-load", ..])
    return await Petal.Bench.GardenLoad.RunAsync(args[1..]);

// 100,000 real placements (not BenchmarkDotNet): dotnet run -c Release --project bench/Petal.Bench -- garden-place
if (args is ["garden-place", ..])
    return Petal.Bench.GardenPlace.Run(args[1..]);

// Garden at scale (not BenchmarkDotNet): dotnet run -c Release --project bench/Petal.Bench -- garden-scale curve
if (args is ["garden-scale", ..])
    return Petal.Bench.GardenScale.Run(args[1..]);

// Garden service on PostgreSQL (not BenchmarkDotNet): bench/garden-pg.sh runs `garden-pg load` and `garden-pg startup`
if (args is ["garden-pg", ..])
    return await Petal.Bench.GardenPg.RunAsync(args[1..]);

// Run one: dotnet run -c Release --project bench/Petal.Bench -- --filter '*SpecParser*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
