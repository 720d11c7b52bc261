using System.Text.Encodings.Web;
using System.Text.Json;
using Petal.Plans.Rendering;

namespace Petal.Tests.Plans;

/// <summary>YamlText.Quote escapes without the serializer (start-up cost) but exactly as the serializer did.</summary>
public class YamlTextQuoteTests
{
    private static readonly JsonSerializerOptions Serializer = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Theory]
    [InlineData("plain")]
    [InlineData("")]
    [InlineData("quote \" and backslash \\")]
    [InlineData("new\nline\ttab\rreturn\bback\fform")]
    [InlineData("\u0001\u001f\u007f control")]
    [InlineData("$(rm -rf /); `id` 'single' <html> & +")]
    [InlineData("unicode é 中文 🌸 \u2028 \u2029")]
    [InlineData("key: value # comment")]
    public void Quote_matches_the_serializer(string value) =>
        Assert.Equal(JsonSerializer.Serialize(value, Serializer), YamlText.Quote(value));

    [Fact]
    public void Quote_escapes_what_would_break_a_double_quoted_yaml_scalar() =>
        Assert.Equal("\"a\\\"b\\\\c\\n\"", YamlText.Quote("a\"b\\c\n"));
}
