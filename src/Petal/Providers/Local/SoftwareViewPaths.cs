using Petal.Seeds;

namespace Petal.Providers.Local;

/// <summary>Where each layout puts the software and its modules, as a node sees them (DESIGN.md's layout table).</summary>
public static class SoftwareViewPaths
{
    public static string SoftwareRoot(SoftwareLayout layout) =>
        layout == SoftwareLayout.Ami ? "/opt/spack" : "/shared/spack";

    public static string ModuleRoot(SoftwareLayout layout) => SoftwareRoot(layout) + "/share/spack/lmod/Core";

    /// <summary>The ami layout bakes the software into the image each node boots; the others export it from the head node.</summary>
    public static bool InImage(SoftwareLayout layout) => layout == SoftwareLayout.Ami;
}
