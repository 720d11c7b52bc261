using System.Text;
using Petal.Catalog;
using Petal.Seeds;
using Petal.Tests.Support;

namespace Petal.Tests.Seeds;

/// <summary>
/// Thousands of mutated library seeds through loader + validator: no exception escapes, each case ends
/// within a generous per-case timeout (a hang guard, not a speed test), and every diagnostic has a location.
/// </summary>
public class SeedFuzzTests
{
    private const int Cases = 3000;
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Mutated_seeds_never_throw_hang_or_lose_locations()
    {
        var corpus = Directory.GetFiles(RepoPaths.Seeds, "*.yaml", SearchOption.AllDirectories)
            .Where(f => !f.Contains("extends")).Order().Select(File.ReadAllText).ToArray();
        var random = new Random(20240611);
        var rejected = 0;
        for (var i = 0; i < Cases; i++)
        {
            var text = Mutate(corpus[random.Next(corpus.Length)], random);
            using var timeout = new CancellationTokenSource(PerCase);
            var work = Task.Run(() => SeedLoader.LoadText(text, "fuzz.yaml", EmbeddedCatalog.Default), timeout.Token);
            var finished = await Task.WhenAny(work, Task.Delay(PerCase, timeout.Token).ContinueWith(_ => { }));
            Assert.True(finished == work, $"case {i} did not finish within {PerCase}:\n{text}");
            var result = await work;
            if (!result.Ok) rejected++;
            Assert.All(result.Diagnostics, d => Assert.True(d.Location is { Line: >= 1, Column: >= 1 }, $"case {i}: unlocated {d}\n{text}"));
        }
        Assert.True(rejected > Cases / 4, $"only {rejected} of {Cases} mutants were rejected: the mutations are too weak");
    }

    private static string Mutate(string seed, Random random)
    {
        var lines = seed.Split('\n').ToList();
        var edits = random.Next(1, 4);
        for (var e = 0; e < edits; e++)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(14))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, lines[at]); break;
                case 2: lines[at] = SwapChars(lines[at], random); break;
                case 3: lines[at] = ReplaceValue(lines[at], "[1, 2]"); break;
                case 4: lines[at] = ReplaceValue(lines[at], random.Next(2) == 0 ? "99999999999999999999999" : "-1"); break;
                case 5: lines[at] = ReplaceValue(lines[at], "\"ünïcødé 名前 🚀\""); break;
                case 6: lines[at] = ReplaceValue(lines[at], new string('[', 200) + new string(']', 200)); break;
                case 7: lines[at] = "\t" + lines[at]; break;
                case 8: lines[at] = ReplaceValue(lines[at], "{ a: b }"); break;
                case 9: lines[at] = ReplaceValue(lines[at], "~"); break;
                case 10: lines[at] = ReplaceValue(lines[at], "&x " + Junk(random, 8)); break;
                case 11: return random.Next(4) switch
                {
                    0 => "",
                    1 => "\uFEFF" + string.Join('\n', lines),
                    2 => Junk(random, 400),
                    _ => Bomb(),
                };
                case 12: lines[at] = new string(' ', random.Next(12)) + lines[at].TrimStart(); break;
                default: lines[at] = lines[at] + " " + Junk(random, 3); break;
            }
            if (lines.Count == 0) break;
        }
        return string.Join('\n', lines);
    }

    private static string SwapChars(string line, Random random)
    {
        if (line.Length < 2) return line;
        var chars = line.ToCharArray();
        var i = random.Next(chars.Length - 1);
        (chars[i], chars[i + 1]) = (chars[i + 1], chars[i]);
        return new string(chars);
    }

    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? line + value : line[..(colon + 2)] + value;
    }

    private static string Junk(Random random, int length)
    {
        var sb = new StringBuilder(length);
        for (var i = 0; i < length; i++) sb.Append((char)random.Next(0, 0x3000));
        return sb.ToString();
    }

    /// <summary>Billion laughs: nine levels of ten aliases each, used where the schema walks lists.</summary>
    private static string Bomb()
    {
        var sb = new StringBuilder("x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 10; i++)
            sb.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        sb.Append("cluster: { name: b, region: us-east-1 }\ncompute:\n  head_node: c6i.large\n  queues: *a9\nsoftware: { spack_packages: *a9 }\nusers: *a9\n");
        return sb.ToString();
    }
}
