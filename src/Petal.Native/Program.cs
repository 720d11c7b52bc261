using Petal.Cli;
using Petal.Native;

if (NativeCommands.BuildFor(args) is { } root) return await NativeCommands.RunAsync(root, args);
return ManagedPetal.Exec(args);
