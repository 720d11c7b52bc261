using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Grpc.Core;
using Petal.Garden.Jobspecs;
using Petal.Garden.Service.Api;
using Petal.Garden.Service.Rainbow;
using Petal.Tests.Support;

namespace Petal.Tests.Garden.Service;

/// <summary>
/// A real garden service over gRPC against the hostile requests of issue #13: each is refused with INVALID_ARGUMENT and
/// its reason (or PERMISSION_DENIED alike for unknown clusters and wrong tokens), and the service keeps serving.
/// </summary>
[Collection(IntegrationCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HostileInputTests
{
    /// <summary>The issue's bar: a hostile jobspec is answered within a second.</summary>
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(1);

    private static async Task<(GardenServiceHarness Garden, string Token)> StartAsync()
    {
        var garden = await GardenServiceHarness.StartAsync();
        var keebler = await garden.RegisterAsync("keebler");
        // Warm up (JIT, connection) so the deadline measures the refusal only.
        await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", keebler.Token)]);
        return (garden, keebler.Token);
    }

    private static async Task<RpcException> Refused(GardenServiceHarness garden, string token, string jobspec)
    {
        var request = new SubmitJobRequest { Jobspec = jobspec };
        request.Clusters.Add(new SubmitJobRequest.Types.Cluster { Name = "keebler", Token = token });
        return await Assert.ThrowsAsync<RpcException>(() =>
            garden.Client.Rainbow.SubmitJobAsync(request, deadline: DateTime.UtcNow + Answer).ResponseAsync);
    }

    private static async Task AssertInvalid(string jobspec, params string[] reasons)
    {
        var (garden, token) = await StartAsync();
        await using (garden)
        {
            var e = await Refused(garden, token, jobspec);
            Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
            foreach (var reason in reasons) Assert.Contains(reason, e.Status.Detail);
            // Still serving.
            Assert.True((await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", token)])).Jobid > 0);
        }
    }

    [Fact]
    public Task A_hundred_thousand_nested_lists_are_refused_not_a_stack_overflow() =>
        AssertInvalid("nodes: " + new string('[', 100_000) + new string(']', 100_000) + "\n", "<jobspec>:1:", "nests deeper than 64");

    [Fact]
    public Task A_fifty_thousand_deep_mapping_is_refused() =>
        AssertInvalid(string.Concat(Enumerable.Repeat("{a: ", 50_000)) + "1" + new string('}', 50_000), "nests deeper than 64");

    /// <summary>24 levels of <c>&amp;sN {with: [*sN-1, *sN-1]}</c>: 1.5 KB that expands to 2^24 nodes.</summary>
    internal static string AliasBomb(int levels)
    {
        var text = new StringBuilder("version: 1\nresources:\n  s0: &s0 {type: core, count: 1}\n");
        for (var i = 1; i <= levels; i++) text.Append($"  s{i}: &s{i} {{type: slot, with: [*s{i - 1}, *s{i - 1}]}}\n");
        return text.ToString();
    }

    [Fact]
    public async Task A_small_alias_bomb_is_refused_while_it_is_read()
    {
        var bomb = AliasBomb(24);
        Assert.InRange(bomb.Length, 1000, 2000);
        await AssertInvalid(bomb, "too large", "aliases counted as what they expand to");
    }

    [Fact]
    public Task An_alias_bomb_below_the_node_limit_is_refused_by_the_resource_limit() =>
        AssertInvalid(AliasBomb(10), "more than 1,000 resources in one jobspec");

    [Theory]
    [InlineData("nodes: 4294967297", "nodes must be a whole number from 1 to 1,000,000, not '4294967297'")]
    [InlineData("nodes: 2147483648", "nodes must be a whole number from 1 to 1,000,000, not '2147483648'")]
    [InlineData("nodes: 1\ntasks: 1000000\ncores_per_task: 1000000", "tasks × cores_per_task: 1,000,000 × 1,000,000 is more than 1,000,000")]
    [InlineData("nodes: 1\ngpus: -1", "gpus must be a whole number from 0")]
    public Task Sizes_beyond_their_bounds_are_refused_with_the_reason(string jobspec, string reason) => AssertInvalid(jobspec + "\ncommand: hostname\n", reason);

    [Fact]
    public Task A_count_product_of_two_to_the_64_is_refused() =>
        AssertInvalid("""
            version: 1
            resources:
              job: {type: node, count: 4294967296, replicas: 4294967296, with: [{type: core, count: 1}]}
            """, "count must be a whole number from 1 to 1,000,000", "replicas must be a whole number from 0 to 1,000,000");

    [Fact]
    public Task Counts_that_multiply_past_the_bound_through_slots_are_refused() =>
        AssertInvalid("""
            version: 1
            resources:
              job: {type: node, count: 1, with: [{type: slot, count: 1000000, with: [{type: core, count: 1000000}]}]}
            """, "a slot's count × its resource's count: 1,000,000 × 1,000,000 is more than 1,000,000");

    [Theory]
    [InlineData("1e300")]
    [InlineData("NaN")]
    [InlineData(".nan")]
    [InlineData("-60")]
    [InlineData("0")]
    [InlineData("Infinity")]
    public Task Durations_that_are_not_a_real_walltime_are_refused(string duration) =>
        AssertInvalid($$$"""
            version: 1
            resources:
              job: {type: node, count: 1, with: [{type: core, count: 1}]}
            attributes: {system: {duration: {{{duration}}}}}
            """, $"attributes.system.duration '{duration}' is not a duration from 1 second to 365 days");

    [Theory]
    [InlineData("99999999999999999h")]
    [InlineData("2147483647-00:00:00")]
    [InlineData("-1h")]
    [InlineData("400d")]
    public Task Huge_or_negative_walltimes_are_refused(string walltime) =>
        AssertInvalid($"nodes: 1\nwalltime: {walltime}\ncommand: hostname\n", $"walltime '{walltime}' is not a duration");

    [Fact]
    public Task A_command_holding_NUL_is_refused_at_submit() =>
        AssertInvalid("nodes: 1\ncommand: [\"echo\", \"a\\0b\"]\n", "<jobspec>:2:10", "NUL");

    [Fact]
    public Task An_unknown_tag_is_refused_with_its_place() =>
        AssertInvalid("nodes: !petal 1\ncommand: hostname\n", "<jobspec>:1:8", "unknown tag '!petal'");

    [Fact]
    public async Task An_unknown_cluster_and_a_wrong_token_get_the_same_permission_denied()
    {
        var (garden, token) = await StartAsync();
        await using var _ = garden;
        async Task<RpcException> Submit(string cluster, string with) =>
            await Assert.ThrowsAsync<RpcException>(() => garden.SubmitAsync(RainbowApiTests.Nodes(1), [(cluster, with)]));
        var unknown = await Submit("nowhere", token);
        var wrong = await Submit("keebler", token + "x");
        Assert.Equal(StatusCode.PermissionDenied, unknown.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, wrong.StatusCode);
        Assert.Equal(unknown.Status.Detail.Replace("nowhere", "NAME"), wrong.Status.Detail.Replace("keebler", "NAME"));
        // Same for the calls clusters make with their secret, and for deleting.
        var receive = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.ReceiveJobsAsync(
            new ReceiveJobsRequest { Cluster = "nowhere", Secret = token }).ResponseAsync);
        var delete = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Rainbow.DeleteAsync(
            new DeleteRequest { Name = "nowhere", Secret = token }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, receive.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, delete.StatusCode);
    }

    [Fact]
    public async Task A_state_number_out_of_range_is_refused_with_the_known_states()
    {
        var (garden, _) = await StartAsync();
        await using var __ = garden;
        var e = await Assert.ThrowsAsync<RpcException>(() => garden.Client.Jobs.ReportJobStateAsync(
            new ReportJobStateRequest { Cluster = "keebler", Secret = "x", Jobid = 1, State = (JobState)98 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("state: 98 is not a job state (one of: 1 submitted, 2 assigned, 3 accepted, 4 running, 5 completed, 6 failed, 7 cancelled)", e.Status.Detail);
    }

    [Fact]
    public async Task The_database_and_its_wal_and_shm_files_are_readable_by_the_owner_only()
    {
        var (garden, _) = await StartAsync();
        await using var __ = garden;
        foreach (var file in new[] { garden.DatabasePath, garden.DatabasePath + "-wal", garden.DatabasePath + "-shm" })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }

    /// <summary>Field 1 (a string) of SubmitJobRequest with the given bytes.</summary>
    private static byte[] Field1(params byte[] value) => [0x0a, (byte)value.Length, .. value];

    public static TheoryData<string, byte[]> MalformedMessages => new()
    {
        { "not a valid protobuf message", [0x0a, 0x64, 0x61, 0x62] },         // a string said to be 100 bytes long, 2 given
        { "not a valid protobuf message", [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01] }, // a varint tag too long
        { "invalid UTF-8", Field1(0xff, 0xfe, 0x41) },
    };

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public async Task Malformed_protobuf_and_invalid_UTF8_are_invalid_argument(string reason, byte[] message)
    {
        await using var garden = await GardenServiceHarness.StartAsync();
        var (status, detail) = await RawCall(garden.Server.Address, "/convergedcomputing.org.grpc.v1.RainbowScheduler/SubmitJob", message);
        Assert.True((int)StatusCode.InvalidArgument == status, detail);
        Assert.Contains(reason, detail);
        Assert.True((await garden.RegisterAsync("keebler")).Token.Length > 0);
    }

    /// <summary>One gRPC frame posted over HTTP/2 cleartext; the status from the trailers (or a trailers-only answer).</summary>
    private static async Task<(int Status, string Detail)> RawCall(string address, string method, byte[] message)
    {
        using var http = new HttpClient();
        var frame = new byte[5 + message.Length];
        frame[4] = (byte)message.Length;
        message.CopyTo(frame, 5);
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"http://{address}{method}")
        {
            Content = content, Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.TryAddWithoutValidation("TE", "trailers");
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var v) || response.TrailingHeaders.TryGetValues(name, out v) ? v.First() : null;
        return (int.Parse(Header("grpc-status") ?? "-1"), Uri.UnescapeDataString(Header("grpc-message") ?? $"(no grpc-message: {response})"));
    }

    [Fact]
    public async Task Garden_serve_logs_a_malformed_request_in_one_line_without_a_stack_trace()
    {
        using var temp = new TempDirectory();
        using var serve = await ServeProcess.StartAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "Petal.Cli.dll")], temp);
        try
        {
            foreach (var message in MalformedMessages.Select(m => (byte[])m[1]))
                Assert.Equal((int)StatusCode.InvalidArgument,
                    (await RawCall($"127.0.0.1:{serve.Port}", "/convergedcomputing.org.grpc.v1.RainbowScheduler/SubmitJob", message)).Status);
        }
        finally
        {
            serve.Process.Kill();
            await serve.Process.WaitForExitAsync();
        }
        var log = serve.Output;
        Assert.Contains("refused a malformed request to /convergedcomputing.org.grpc.v1.RainbowScheduler/SubmitJob", log);
        Assert.DoesNotContain("   at ", log);
        Assert.DoesNotContain("Exception was thrown by handler", log);
    }

    /// <summary>
    /// Property: hostile jobspecs from a seeded generator (deep nesting, alias bombs, numbers at and beyond every
    /// bound, durations, control characters, tags) are each answered within a second with INVALID_ARGUMENT and a reason,
    /// or accepted as a valid job within the bounds, or refused because no cluster fits; and the service stays up.
    /// </summary>
    [Fact]
    public async Task Every_generated_hostile_jobspec_is_answered_in_time_and_the_service_survives()
    {
        var (garden, token) = await StartAsync();
        await using var _ = garden;
        var random = new Random(13);
        for (var i = 0; i < 150; i++)
        {
            var jobspec = HostileJobspecs.Next(random);
            var request = new SubmitJobRequest { Jobspec = jobspec };
            request.Clusters.Add(new SubmitJobRequest.Types.Cluster { Name = "keebler", Token = token });
            try
            {
                var accepted = await garden.Client.Rainbow.SubmitJobAsync(request, deadline: DateTime.UtcNow + Answer);
                var job = JobspecReader.Parse(jobspec);
                Assert.True(accepted.Jobid > 0);
                Assert.All(job.Resources, r => Assert.InRange(r.Count, 1, 1_000_000));
                Assert.True(job.Walltime is null || job.Walltime > TimeSpan.Zero && job.Walltime <= Walltime.Max, jobspec);
                Assert.DoesNotContain(job.Command, a => a.Contains('\0'));
            }
            catch (RpcException e)
            {
                Assert.True(e.StatusCode is StatusCode.InvalidArgument or StatusCode.FailedPrecondition, $"{e.StatusCode} for:\n{Shorten(jobspec)}");
                Assert.False(string.IsNullOrWhiteSpace(e.Status.Detail), Shorten(jobspec));
            }
        }
        Assert.True((await garden.SubmitAsync(RainbowApiTests.Nodes(1), [("keebler", token)])).Jobid > 0);
    }

    private static string Shorten(string s) => s.Length <= 300 ? s : s[..300] + "...";
}

/// <summary>Seeded hostile jobspecs: structure attacks and every field at and beyond its bounds.</summary>
internal static class HostileJobspecs
{
    private static readonly string[] Numbers =
    [
        "0", "1", "-1", "3", "999999", "1000000", "1000001", "2147483647", "2147483648", "4294967296", "4294967297",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e300", "1.5", ".nan", "NaN", ".inf", "-.inf", "0x10", "'5'", "!!str 5",
        "!!int 5", "!petal 5", "~", "[1]", "{a: 1}", "\"\\0\"",
    ];

    private static readonly string[] Durations =
        ["1", "60", "-1", "0", "1e300", "-1e300", "NaN", ".inf", "Infinity", "31536000", "31536001", "1h", "99999999999h", "2147483647-00:00:00", "00:00:-1", "1:2:3:4"];

    private static readonly string[] Words = ["hostname", "a\\0b", "\\x01", "$(reboot)", "'; rm -rf /'", "\\u2028", "\\t", "é", "\\e[31m"];

    public static string Next(Random random) => random.Next(10) switch
    {
        0 => Nested(random),
        1 => HostileInputTests.AliasBomb(random.Next(10, 30)),
        2 or 3 => Compact(random),
        4 or 5 or 6 => Nextgen(random),
        7 => $"nodes: 1\ncommand: [{string.Join(", ", Enumerable.Range(0, random.Next(1, 4)).Select(_ => $"\"{Pick(random, Words)}\""))}]\n",
        8 => string.Concat(Enumerable.Range(0, random.Next(1, 400)).Select(_ => (char)random.Next(1, 0x3000))),
        _ => $"nodes: 1\nwalltime: {Pick(random, Durations)}\ncommand: hostname\n",
    };

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Nested(Random random)
    {
        var depth = random.Next(2) == 0 ? random.Next(60, 70) : random.Next(1_000, 100_000);
        var (open, close) = random.Next(2) == 0 ? ("[", "]") : ("{a: ", "}");
        return "nodes: " + string.Concat(Enumerable.Repeat(open, depth)) + "1" + string.Concat(Enumerable.Repeat(close, depth)) + "\n";
    }

    private static string Compact(Random random) =>
        $"nodes: {Pick(random, Numbers)}\ntasks: {Pick(random, Numbers)}\ncores_per_task: {Pick(random, Numbers)}\n"
        + $"gpus: {Pick(random, Numbers)}\nwalltime: {Pick(random, Durations)}\ncommand: hostname\n";

    private static string Nextgen(Random random) => $$$"""
        version: 1
        resources:
          job:
            type: node
            count: {{{Pick(random, Numbers)}}}
            replicas: {{{Pick(random, Numbers)}}}
            with: [{type: slot, count: {{{Pick(random, Numbers)}}}, with: [{type: core, count: {{{Pick(random, Numbers)}}}}]}]
        attributes: {system: {duration: {{{Pick(random, Durations)}}}}}
        tasks: [{command: [hostname], resources: job}]
        """;
}
