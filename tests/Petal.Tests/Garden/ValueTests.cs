using Petal.Garden.Jobspecs;
using Petal.Garden.Values;

namespace Petal.Tests.Garden;

public class ValueTests
{
    [Theory]
    [InlineData("10GB", 10e9)]
    [InlineData("16GiB", 16.0 * (1L << 30))]
    [InlineData("16G", 16.0 * (1L << 30))]
    [InlineData("512 MiB", 512.0 * (1 << 20))]
    [InlineData("1.5TB", 1.5e12)]
    public void Sizes_are_SI_for_GB_and_IEC_for_GiB_and_bare_G(string text, double bytes)
    {
        Assert.True(Quantity.TryParseBytes(text, out var b));
        Assert.Equal(bytes, b);
    }

    [Fact]
    public void A_size_without_unit_is_refused() => Assert.False(Quantity.TryParseBytes("16", out _));

    [Theory]
    [InlineData("1.20", "1.9", 1)]
    [InlineData("22.04.3", "22.04", 1)]
    [InlineData("1.15.15", "1.20", -1)]
    [InlineData("0.5.2", "0.5.2", 0)]
    [InlineData("1.2rc1", "1.2.0", -1)]
    public void Versions_compare_as_spack_orders_them(string a, string b, int sign) =>
        Assert.Equal(sign, Math.Sign(new AttributeValue(a).Version!.CompareTo(new AttributeValue(b).Version)));

    [Theory]
    [InlineData("amd64")]
    [InlineData("ubuntu")]
    [InlineData("10 GiB")]
    public void Words_are_not_versions_for_matching(string text) => Assert.Null(new AttributeValue(text).Version);

    [Theory]
    [InlineData("1.20:", "1.20.14", true, true)]
    [InlineData("1.20:", "1.21", true, false)]
    [InlineData("1.20:", "1.15", false, false)]
    [InlineData(":1.18", "1.18.3", true, true)]
    [InlineData("0.5.1:0.5.5", "0.5.5", true, false)]
    [InlineData("0.7.1:0.7.5", "0.5.2", false, false)]
    [InlineData("1.2,1.4", "1.4.1", true, true)]
    public void Ranges_are_inclusive_and_grade_the_lower_bound_as_exact(string range, string version, bool contains, bool exact)
    {
        Assert.True(VersionPredicate.TryParse(range, out var r, out _));
        Assert.Equal(contains, r.Test(new AttributeValue(version), out var e));
        if (contains) Assert.Equal(exact, e);
    }

    [Fact]
    public void An_empty_range_is_an_error()
    {
        Assert.False(VersionPredicate.TryParse("1.20:1.15", out _, out var error));
        Assert.Contains("empty", error);
    }

    [Fact]
    public void Equality_negation_and_any_of()
    {
        var amd = new AttributeValue("amd64");
        Assert.True(new EqualsPredicate("AMD64").Test(amd, out _));
        Assert.False(new NotPredicate(new EqualsPredicate("amd64")).Test(amd, out _));
        Assert.True(new NotPredicate(new EqualsPredicate("amd64")).Test(null, out _));
        var any = new AnyOfPredicate([new EqualsPredicate("arm64"), new EqualsPredicate("amd64")]);
        Assert.True(any.Test(amd, out var exact));
        Assert.False(exact); // the second choice is only compatible
        Assert.Equal("arch arm64 ≠ amd64", new EqualsPredicate("amd64").Explain("arch", new AttributeValue("arm64")));
    }

    [Fact]
    public void Sizes_compare_across_units() =>
        Assert.True(new EqualsPredicate("10GB").Test(new AttributeValue("10000MB"), out _));

    [Fact]
    public void Architectures_normalise_to_one_vocabulary()
    {
        Assert.Equal("amd64", Architecture.Normalize("x86_64"));
        Assert.Equal("arm64", Architecture.Normalize("aarch64"));
    }
}
