using Petal.Spack;

namespace Petal.Tests.Spack;

public class SpackVersionTests
{
    [Theory]
    [InlineData("1.9", "1.20")]
    [InlineData("1.2", "1.2.0")]
    [InlineData("1.2.0", "1.2.1")]
    [InlineData("1.2", "1.2a")]
    [InlineData("1.2a", "1.2.0")]
    [InlineData("1.2alpha1", "1.2beta1")]
    [InlineData("1.2beta1", "1.2rc1")]
    [InlineData("1.2rc1", "1.2rc2")]
    [InlineData("1.2rc2", "1.2")]
    [InlineData("22.04", "22.04.3")]
    [InlineData("9999", "stable")]
    [InlineData("stable", "trunk")]
    [InlineData("trunk", "head")]
    [InlineData("head", "master")]
    [InlineData("master", "main")]
    [InlineData("main", "develop")]
    [InlineData("abc", "1")]
    [InlineData("2023.1.0", "2024")]
    [InlineData("99999999999999999999", "100000000000000000000")]
    public void Orders_like_Spack(string lower, string higher)
    {
        var a = SpackVersion.Parse(lower);
        var b = SpackVersion.Parse(higher);
        Assert.True(a < b, $"{lower} < {higher}");
        Assert.True(b > a);
        Assert.True(a.CompareTo(b) < 0 && b.CompareTo(a) > 0);
    }

    [Theory]
    [InlineData("1.2", "1-2")]
    [InlineData("1.2", "1_2")]
    [InlineData("1.02", "1.2")]
    public void Separators_and_leading_zeros_do_not_matter(string a, string b)
    {
        Assert.Equal(SpackVersion.Parse(a), SpackVersion.Parse(b));
        Assert.Equal(SpackVersion.Parse(a).GetHashCode(), SpackVersion.Parse(b).GetHashCode());
    }

    [Theory]
    [InlineData("1.2 3")]
    [InlineData("=1.2")]
    [InlineData("")]
    [InlineData("1:2")]
    public void Bad_versions_are_rejected(string text)
    {
        Assert.ThrowsAny<FormatException>(() => SpackVersion.Parse(text));
        Assert.False(SpackVersion.TryParse(text, out _));
    }

    [Theory]
    [InlineData(":1.4", "1.4.5", true)]
    [InlineData(":1.4", "1.4", true)]
    [InlineData(":1.4", "1.3", true)]
    [InlineData(":1.4", "1.5", false)]
    [InlineData("1.2:1.4", "1.2", true)]
    [InlineData("1.2:1.4", "1.4.99", true)]
    [InlineData("1.2:1.4", "1.1.9", false)]
    [InlineData("1.2:1.4", "1.5", false)]
    [InlineData("1.2:", "1.2", true)]
    [InlineData("1.2:", "develop", true)]
    [InlineData("1.2:", "1.2rc1", false)]
    [InlineData("=1.2", "1.2", true)]
    [InlineData("=1.2", "1.2.1", false)]
    [InlineData("1.2", "1.2.5", true)]
    [InlineData("1.2", "1.3", false)]
    [InlineData("1.2:1.4,1.6", "1.6.1", true)]
    [InlineData("1.2:1.4,1.6", "1.5", false)]
    [InlineData("1.20:", "1.21.3", true)]
    [InlineData("1.20:", "1.9", false)]
    [InlineData(":", "0.0.1", true)]
    public void Ranges_contain_versions_with_prefix_semantics(string list, string version, bool contained)
    {
        Assert.Equal(contained, VersionList.Parse(list).Contains(SpackVersion.Parse(version)));
    }

    [Theory]
    [InlineData(":1.4", "1.4.2:", true)]
    [InlineData("1.2", "1.3", false)]
    [InlineData("1.2", "1.2.7", true)]
    [InlineData("=1.2", "1.2:", true)]
    [InlineData("=1.2", "1.3:", false)]
    [InlineData("1.2:1.4,2:", "1.5:1.9", false)]
    [InlineData(":", "=7", true)]
    public void Lists_intersect(string a, string b, bool expected)
    {
        Assert.Equal(expected, VersionList.Parse(a).Intersects(VersionList.Parse(b)));
        Assert.Equal(expected, VersionList.Parse(b).Intersects(VersionList.Parse(a)));
    }

    [Theory]
    [InlineData("1.2,1.3", "1.2:1.3")]
    [InlineData("1.6,1.2:1.4", "1.2:1.4,1.6")]
    [InlineData("1.2:1.4,1.3", "1.2:1.4")]
    [InlineData("=1.2,1.2:1.4", "1.2:1.4")]
    [InlineData("1.2.11,1.2.13", "1.2.11,1.2.13")]
    [InlineData(":", ":")]
    public void Lists_are_sorted_and_merged_like_Spack(string input, string expected)
    {
        Assert.Equal(expected, VersionList.Parse(input).ToString());
    }

    [Fact]
    public void Any_and_empty_ranges()
    {
        Assert.True(VersionList.Parse(":").IsAny);
        Assert.False(VersionList.Parse("1:").IsAny);
        Assert.Throws<EmptyVersionRangeException>(() => VersionList.Parse("1.4:1.2"));
        Assert.Equal("1.2:1.2.5", VersionList.Parse("1.2:1.2.5").ToString());
    }
}
