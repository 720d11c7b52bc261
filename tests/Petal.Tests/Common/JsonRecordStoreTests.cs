using Petal.Common;
using Petal.Providers.Aws.Clusters;
using Petal.Providers.Aws.Images;
using Petal.Providers.Local;
using Petal.Tests.Support;

namespace Petal.Tests.Common;

/// <summary>The one record store: whole writes, one holder per name, listings that survive a damaged record.</summary>
public sealed class JsonRecordStoreTests
{
    private sealed record Note(string Name, int Value, string Text);

    private static JsonRecordStore<Note> Notes(string directory) =>
        JsonRecordStore<Note>.InDirectory("note", directory, n =>
        {
            if (!Patterns.TwinName.IsMatch(n)) throw new UserInputException($"bad name {n}");
        }, (name, note) => note with { Name = name });

    /// <summary>Two creates of one name racing (released together by a barrier): exactly one holds the lock, the other is told who.</summary>
    private static void AssertOneWins(Func<IDisposable> take, string kind)
    {
        for (var round = 0; round < 20; round++)
        {
            using var barrier = new Barrier(2);
            var held = new IDisposable?[2];
            var refused = new UserInputException?[2];
            var threads = Enumerable.Range(0, 2).Select(i => new Thread(() =>
            {
                barrier.SignalAndWait();
                try { held[i] = take(); }
                catch (UserInputException e) { refused[i] = e; }
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            Assert.Equal(1, held.Count(h => h is not null));
            var loser = Assert.Single(refused.OfType<UserInputException>());
            Assert.Contains(kind, loser.Message);
            Assert.Contains("in use by", loser.Message);
            foreach (var h in held) h?.Dispose();
        }
        // Released: the next one proceeds.
        take().Dispose();
    }

    [Fact]
    public void Concurrent_create_of_one_twin_name_lets_exactly_one_proceed() =>
        AssertOneWins(() => TwinStateStore.Lock("racehandle", "create"), "cluster 'racehandle'");

    [Fact]
    public void Concurrent_create_of_one_aws_cluster_lets_exactly_one_proceed()
    {
        using var dir = new TempDirectory();
        var store = new AwsClusterStore(dir.Path);
        AssertOneWins(() => store.Lock("race-aws", "create"), "AWS cluster 'race-aws'");
    }

    [Fact]
    public void Concurrent_build_of_one_id_lets_exactly_one_proceed()
    {
        using var dir = new TempDirectory();
        var store = new BuildStateStore(dir.Path);
        AssertOneWins(() => store.Lock("b-20260101000000-abcdef", "image build"), "image build 'b-20260101000000-abcdef'");
    }

    [Fact]
    public void The_refusal_names_the_holder_process_and_what_it_does()
    {
        using var dir = new TempDirectory();
        var store = new AwsClusterStore(dir.Path);
        using var first = store.Lock("held", "create");
        var e = Assert.Throws<UserInputException>(() => store.Lock("held", "delete"));
        Assert.Contains($"petal process {Environment.ProcessId} (create since", e.Message);
    }

    [Fact]
    public void A_damaged_record_is_reported_and_skipped_by_the_listing_and_named_by_load()
    {
        using var dir = new TempDirectory();
        var store = Notes(dir.Path);
        var random = new Random(17);
        var names = Enumerable.Range(0, 12).Select(i => $"n{i}").ToList();
        foreach (var n in names) store.Save(n, new Note(n, random.Next(), "x"));
        var damaged = names.Where(_ => random.Next(3) == 0).ToList();
        foreach (var n in damaged) File.WriteAllText(store.PathOf(n), random.Next(2) == 0 ? "{\"name\": " : "");
        var listing = store.List();
        Assert.Equal(names.Except(damaged).Order(StringComparer.Ordinal), listing.Records.Select(r => r.Name));
        Assert.Equal(damaged.Order(StringComparer.Ordinal), listing.Damaged.Select(d => d.Name));
        foreach (var n in damaged)
        {
            Assert.Null(store.TryLoad(n));
            Assert.Contains(store.PathOf(n), Assert.Throws<InvalidOperationException>(() => store.Load(n)).Message);
        }
    }

    [Fact]
    public void A_record_says_nothing_about_its_own_name()
    {
        using var dir = new TempDirectory();
        var store = Notes(dir.Path);
        store.Save("real", new Note("other", 1, ""));
        Assert.Equal("real", store.Load("real")!.Name);
    }

    [Fact]
    public async Task Readers_never_see_half_a_record_while_writers_replace_it()
    {
        using var dir = new TempDirectory();
        var store = Notes(dir.Path);
        store.Save("busy", new Note("busy", 0, new string('a', 50_000)));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writers = Enumerable.Range(1, 3).Select(w => Task.Run(() =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
                store.Save("busy", new Note("busy", i, new string((char)('a' + w), 50_000 + i % 97)));
        })).ToList();
        var reads = 0;
        while (!stop.IsCancellationRequested)
        {
            Assert.NotNull(store.TryLoad("busy"));
            reads++;
        }
        await Task.WhenAll(writers);
        Assert.True(reads > 0);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
