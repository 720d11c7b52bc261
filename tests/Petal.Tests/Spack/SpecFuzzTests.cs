using System.Text.Json;
using Petal.Spack;
using Petal.Tests.Support;

namespace Petal.Tests.Spack;

/// <summary>Random edits of the corpus inputs: only SpecParseException escapes, and accepted specs round-trip.</summary>
public class SpecFuzzTests
{
    private const string Alphabet = "abcxyz019_-.@%^[]+~=,:/ '\"\\;$|&<>\n\tgit=";

    [Fact]
    public void Mutated_specs_fail_cleanly_or_round_trip_through_their_canonical_form()
    {
        var seeds = File.ReadLines(RepoPaths.SpackConformance)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("input").GetString()!)
            .Concat(["mpileaks ^[deptypes=build virtuals=mpi] mpich@3: cflags==-O2", "x@git.main=1.2 /abc", "y foo='a b' bar=\"c'd\""])
            .ToArray();
        var random = new Random(20260);
        var accepted = 0;
        for (var i = 0; i < 5000; i++)
        {
            var text = Mutate(seeds[random.Next(seeds.Length)], random);
            SpackSpec spec;
            try
            {
                spec = SpecParser.Parse(text);
            }
            catch (SpecParseException e)
            {
                Assert.InRange(e.Error.Column, 1, text.Length + 1);
                Assert.False(string.IsNullOrWhiteSpace(e.Error.Message));
                continue;
            }
            accepted++;
            // Spack's own limits: arch=platform-os-target cannot round-trip a part that holds '-'; a quoted
            // value with a newline keeps its quotes (STRIP_QUOTES has no DOTALL); JSON escapes are not undone.
            if (HasDashInArchitecture(spec) || HasJsonEscapedValue(spec)) continue;
            var canonical = spec.ToString();
            var again = SpecParser.Parse(canonical);
            Assert.True(canonical == again.ToString(), $"'{text}' → '{canonical}' → '{again}'");
        }
        Assert.InRange(accepted, 500, 4900);
    }

    private static bool HasDashInArchitecture(SpackSpec spec) =>
        spec.Dependencies.Append(spec).Any(s => s.Architecture is { } a && $"{a.Platform}{a.Os}{a.Target}".Contains('-'));

    private static bool HasJsonEscapedValue(SpackSpec spec) =>
        spec.Dependencies.Append(spec).SelectMany(s => s.Variants.Values.SelectMany(v => v.Values)
                .Concat(s.Flags.Values.SelectMany(f => f.Select(x => x.Value))))
            .Any(v => v.Any(char.IsControl) || (v.Contains('\'') && v.Any(c => c is '"' or '\\' || c > 0x7e)));

    private static string Mutate(string text, Random random)
    {
        var chars = text.ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(chars.Count + 1);
            switch (random.Next(3))
            {
                case 0: chars.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                case 1 when at < chars.Count: chars.RemoveAt(at); break;
                default: if (at < chars.Count) chars[at] = Alphabet[random.Next(Alphabet.Length)]; break;
            }
        }
        return new string(chars.ToArray());
    }
}
