using Petal.Common;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Petal.Plans.Config;

/// <summary>
/// Reads a cluster config petal wrote (a cluster's recorded config) back into the model, so a change to it is made
/// on the model and written by <see cref="ClusterConfigWriter"/>. A key the model does not hold is refused rather than
/// dropped: writing the file back would lose it.
/// </summary>
public static class ClusterConfigReader
{
    private static readonly Lazy<IDeserializer> Deserializer = new(() => new DeserializerBuilder().Build());

    /// <param name="source">Named in the error (the file's path).</param>
    public static ClusterConfig Read(string yaml, string source)
    {
        try
        {
            return Deserializer.Value.Deserialize<ClusterConfig>(yaml)
                ?? throw PetalException.Failed($"{source} is empty: it holds no cluster config", []);
        }
        catch (YamlException e)
        {
            throw PetalException.Failed($"{source}:{e.Start.Line}:{e.Start.Column}: not a cluster config petal can edit "
                + $"({(e.InnerException ?? e).Message}); petal writes it at create, so it was changed by hand or damaged", []);
        }
    }
}
