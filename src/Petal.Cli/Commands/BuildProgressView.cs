using Petal.Providers.Aws.Images;
using Spectre.Console;

namespace Petal.Cli.Commands;

/// <summary>
/// Shows an image build: a Spectre progress bar with ETA fed by the script's PETAL_PROGRESS percentages
/// on a terminal; plain lines when stdout is redirected (stderr with --output json, keeping stdout JSON).
/// </summary>
public sealed class BuildProgressView(bool json) : IBuildObserver
{
    private readonly bool _plain = json || Console.IsOutputRedirected;
    private readonly object _gate = new();
    private string? _lastLine;
    private volatile int _percent;
    private volatile string _message = "starting";

    public void Stage(BuildStage stage, BuildState state) => Show(state.Percent, $"{Describe(stage)}: {state.Message}");

    public void Progress(BuildProgress progress, BuildState state) => Show(progress.Percent, progress.Message);

    public async Task<BuildState> ShowAsync(Task<BuildState> build)
    {
        if (_plain) return await build;
        return await CliOutput.Console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask("image build", maxValue: 100);
                while (!build.IsCompleted)
                {
                    task.Value = _percent;
                    task.Description = Markup.Escape(Shorten(_message));
                    await Task.WhenAny(build, Task.Delay(250));
                }
                if (build.IsCompletedSuccessfully) task.Value = 100;
                task.StopTask();
                return await build;
            });
    }

    private void Show(int percent, string message)
    {
        _percent = percent;
        _message = message;
        if (!_plain) return;
        var line = $"{percent,3}% {message}";
        lock (_gate)
        {
            if (line == _lastLine) return;
            _lastLine = line;
            (json ? Console.Error : Console.Out).WriteLine(line);
        }
    }

    private static string Describe(BuildStage stage) => stage switch
    {
        BuildStage.FindingBase => "base image",
        BuildStage.Launching => "launch",
        BuildStage.WaitingForInstance => "instance",
        BuildStage.Building => "build script",
        BuildStage.CreatingImage => "image",
        BuildStage.CreatingSnapshot => "snapshot",
        _ => "cleanup",
    };

    private static string Shorten(string text) => text.Length <= 48 ? text : text[..47] + "…";
}
