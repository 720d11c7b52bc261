using Petal.Cli;

StartupTrace.EnableFromEnvironment();
return await PetalCli.RunAsync(args);
