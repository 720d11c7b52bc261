using Petal.Cli;

return await PetalCli.RunAsync(args);
