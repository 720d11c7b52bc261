using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Petal.Spack;

namespace Petal.Bench;

/// <summary>
/// Spack spec parsing, single-threaded, over the conformance corpus inputs
/// (tests/corpora/spack/specs.expected.jsonl). Specs/s = 1e9 / (Mean in ns) — each benchmark
/// reports the time per spec (OperationsPerInvoke).
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SpecParserBenchmarks
{
    private const int Repeat = 64;
    // OperationsPerInvoke must be a constant: Setup checks the corpus still has these counts.
    private const int ValidCount = 76;
    private const int InvalidCount = 12;
    private string[] _valid = [];
    private string[] _invalid = [];
    private SpackSpec[] _parsed = [];

    [GlobalSetup]
    public void Setup()
    {
        var inputs = File.ReadLines(CorpusPath())
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Select(e => (Input: e.GetProperty("input").GetString()!, Ok: e.GetProperty("ok").GetBoolean()))
            .ToArray();
        _valid = inputs.Where(i => i.Ok).Select(i => i.Input).ToArray();
        _invalid = inputs.Where(i => !i.Ok).Select(i => i.Input).ToArray();
        if (_valid.Length != ValidCount || _invalid.Length != InvalidCount)
            throw new InvalidOperationException($"corpus changed: {_valid.Length} valid, {_invalid.Length} invalid; update the constants");
        _parsed = _valid.Select(SpecParser.Parse).ToArray();
    }

    private static string CorpusPath() => RepoFiles.Find(Path.Combine("tests", "corpora", "spack", "specs.expected.jsonl"));

    /// <summary>The corpus' valid specs (what seeds hold).</summary>
    [Benchmark(OperationsPerInvoke = ValidCount * Repeat)]
    public int ParseValid() => ParseAll(_valid);

    /// <summary>The corpus' invalid specs (typos, shell injection): error paths.</summary>
    [Benchmark(OperationsPerInvoke = InvalidCount * Repeat)]
    public int ParseInvalid() => ParseAll(_invalid);

    /// <summary>Canonical form of already-parsed specs (what plans and scripts print).</summary>
    [Benchmark(OperationsPerInvoke = ValidCount * Repeat)]
    public int Canonical()
    {
        var total = 0;
        for (var r = 0; r < Repeat; r++)
            foreach (var spec in _parsed)
                total += spec.Format(withDependencies: true).Length;
        return total;
    }

    private static int ParseAll(string[] inputs)
    {
        var ok = 0;
        for (var r = 0; r < Repeat; r++)
            foreach (var input in inputs)
                if (SpecParser.TryParse(input, out _, out _)) ok++;
        return ok;
    }
}
