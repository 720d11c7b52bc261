using AmazonEC2Exception = Amazon.EC2.AmazonEC2Exception;
using Grpc.Core;
using Petal.Common;
using Petal.Providers;

namespace Petal.Tests.Cli;

/// <summary>Foreign errors become petal's, with the kind that decides the exit code, in one place.</summary>
public sealed class ExternalErrorsTests
{
    [Fact]
    public void Each_foreign_error_gets_its_kind_and_exit_code()
    {
        var cancelled = ExternalErrors.Translate(new OperationCanceledException())!;
        Assert.Equal((ErrorKind.Cancelled, 130), (cancelled.Kind, cancelled.ExitCode));

        var unreachable = ExternalErrors.Translate(new RpcException(new Status(StatusCode.Unavailable, "connection refused")))!;
        Assert.Equal((ErrorKind.Failed, 1), (unreachable.Kind, unreachable.ExitCode));
        Assert.Contains("connection refused", unreachable.Message);

        var refused = ExternalErrors.Translate(new RpcException(new Status(StatusCode.InvalidArgument, "unknown cluster x")))!;
        Assert.Equal((ErrorKind.InvalidInput, 2), (refused.Kind, refused.ExitCode));

        var aws = ExternalErrors.Translate(new AmazonEC2Exception("You are not authorized") { ErrorCode = "UnauthorizedOperation" })!;
        Assert.Equal((ErrorKind.Failed, 1), (aws.Kind, aws.ExitCode));

        var own = new UserInputException("bad flag");
        Assert.Same(own, ExternalErrors.Translate(own));
        Assert.Null(ExternalErrors.Translate(new InvalidOperationException("a defect")));
    }
}
