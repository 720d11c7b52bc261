namespace Petal.Providers.Aws.Images;

/// <summary>The stages of a build, in order; each is reported before it starts.</summary>
public enum BuildStage { FindingBase, Launching, WaitingForInstance, Building, CreatingImage, CreatingSnapshot, CleaningUp }

/// <summary>Receives a build's stages and progress as they happen (the CLI draws its progress bar from them).</summary>
public interface IBuildObserver
{
    void Stage(BuildStage stage, BuildState state);
    void Progress(BuildProgress progress, BuildState state);
}
