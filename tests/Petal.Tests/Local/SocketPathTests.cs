using Petal.Common;
using Petal.Providers.Local;

namespace Petal.Tests.Local;

/// <summary>A twin whose job-step sockets would not fit a unix socket path is refused before anything starts.</summary>
public class SocketPathTests
{
    [Fact]
    public void Short_names_pass()
    {
        var t = new TwinLayout("/var/lib/petal/local/demo");
        LocalProvider.CheckSocketPaths(t, ["compute-st-c5-xlarge-1"]);
        Assert.True(t.LongestStepSocket("compute-st-c5-xlarge-1").Length <= TwinLayout.MaxSocketPath);
    }

    [Fact]
    public void The_library_seeds_fit_with_the_default_state_directory()
    {
        var t = new TwinLayout("/root/.local/state/petal/local/local-two-queues");
        LocalProvider.CheckSocketPaths(t, ["dynamic-dy-c6i-xlarge-1", "static-st-c6i-large-1"]);
        Assert.StartsWith(TwinLayout.SpoolBase + "/local-two-queues-", t.SpoolDir);
    }

    [Fact]
    public void A_node_name_that_overflows_the_step_socket_is_a_user_error_with_the_way_out()
    {
        var t = new TwinLayout("/root/.local/state/petal/local/verify-broken-15376");
        var node = "a-very-long-queue-name-25c-st-c6in-32xlarge-12";
        var error = Assert.Throws<UserInputException>(() => LocalProvider.CheckSocketPaths(t, [node]));
        Assert.Contains(node, error.Message);
        Assert.Contains("PETAL_STATE_DIR", error.Message);
    }
}
