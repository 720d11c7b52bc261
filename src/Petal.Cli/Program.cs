using System.Runtime.CompilerServices;
using Petal.Cli;

// Compiled natively (src/Petal.Native, the installed tool's entry point), the AOT compiler takes IsDynamicCodeSupported
// as false and drops the managed branch below, with every command it would reach: validate, schema and plan
// (NativeCommands) run here, every other command line is handed on to the managed petal beside this executable.
if (!RuntimeFeature.IsDynamicCodeSupported)
    return NativeCommands.BuildFor(args) is { } root ? await NativeCommands.RunAsync(root, args) : ManagedPetal.Exec(args);

StartupTrace.EnableFromEnvironment();
return await PetalCli.RunAsync(args);
