using System.Text.Json;
using Petal.Spack;
using Petal.Tests.Support;

namespace Petal.Tests.Spack;

/// <summary>Every line of tests/corpora/spack/specs.expected.jsonl (answers from Spack's own parser).</summary>
public class SpecConformanceTests
{
    private static string CorpusPath => RepoPaths.SpackConformance;

    public static TheoryData<int, string> Lines()
    {
        var data = new TheoryData<int, string>();
        var number = 0;
        foreach (var line in File.ReadLines(CorpusPath))
        {
            number++;
            if (line.Trim().Length > 0) data.Add(number, line);
        }
        return data;
    }

    [Fact]
    public void Corpus_is_present_and_large()
    {
        Assert.True(Lines().Count >= 80, $"expected the whole corpus at {CorpusPath}");
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void Same_verdict_and_answer_as_Spack(int line, string json)
    {
        using var doc = JsonDocument.Parse(json);
        var expected = doc.RootElement;
        var input = expected.GetProperty("input").GetString()!;
        var ok = SpecParser.TryParse(input, out var spec, out var error);

        Assert.True(ok == expected.GetProperty("ok").GetBoolean(),
            $"line {line}: '{input}' expected ok={expected.GetProperty("ok")} but got {(ok ? spec!.ToString() : error!.ToString())}");
        if (!ok)
        {
            Assert.Equal(expected.GetProperty("error").GetString(), error!.Kind);
            var spackMessage = expected.GetProperty("message").GetString()!.TrimEnd(':');
            Assert.StartsWith(spackMessage, error.Message);
            Assert.InRange(error.Column, 1, input.Length + 1);
            return;
        }

        Assert.Equal(expected.GetProperty("canonical").GetString(), spec!.ToString());
        Assert.Equal(expected.GetProperty("name").GetString(), spec.Name);
        Assert.Equal(expected.GetProperty("namespace").GetString(), spec.Namespace);
        Assert.Equal(expected.GetProperty("versions").GetString(), spec.Versions.ToString());
        Assert.Equal(expected.GetProperty("compiler").GetString(), spec.Compiler?.ToString());

        var variants = expected.GetProperty("variants").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(variants.Keys.Order(), spec.Variants.Keys.Order());
        foreach (var (name, value) in variants)
            Assert.Equal(value, PythonRepr(spec.Variants[name]));

        var flags = expected.GetProperty("flags").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
        Assert.Equal(flags.Keys.Order(), spec.Flags.Keys.Order());
        foreach (var (name, values) in flags)
            Assert.Equal(values, spec.Flags[name].Select(f => f.Value));

        var deps = expected.GetProperty("deps").EnumerateArray().Select(d => d.GetString()).ToArray();
        Assert.Equal(deps, spec.Dependencies.Select(d => d.ToString()));
    }

    /// <summary>How the oracle printed variant values: str(True) or a Python tuple repr.</summary>
    private static string PythonRepr(SpackVariant variant) =>
        variant.BoolValue is { } b ? (b ? "True" : "False")
        : variant.Values.Count == 1 ? $"('{variant.Values[0]}',)"
        : "(" + string.Join(", ", variant.Values.Select(v => $"'{v}'")) + ")";
}
