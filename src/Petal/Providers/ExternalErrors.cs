using CliWrap.Exceptions;
using Grpc.Core;
using Petal.Common;
using Petal.Garden.Service.Client;
using Petal.Providers.Aws;

namespace Petal.Providers;

/// <summary>
/// The one place where errors of the things petal drives (AWS SDK, gRPC, child processes, cancellation) become a
/// <see cref="PetalException"/> with its kind. The CLI runs every error through it once, so commands never wrap.
/// </summary>
public static class ExternalErrors
{
    /// <summary>The error as petal's, or null for one petal has no words for (a defect: shown as unexpected).</summary>
    public static PetalException? Translate(Exception e) => e switch
    {
        PetalException p => p,
        OperationCanceledException => new PetalException(ErrorKind.Cancelled, "cancelled", inner: e),
        RpcException r => GardenClient.Translate(r),
        CommandExecutionException c => PetalException.Failed(
            $"{Path.GetFileName(c.Command.TargetFilePath)} exited with code {c.ExitCode}: {FirstLine(c.Message)}", [], inner: c),
        _ when AwsErrorTranslator.IsAws(e) => AwsErrorTranslator.Wrap(e),
        _ => null,
    };

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
