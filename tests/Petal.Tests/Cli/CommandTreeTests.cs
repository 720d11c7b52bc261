using Petal.Cli;

namespace Petal.Tests.Cli;

/// <summary>The per-group command tree that keeps start-up cheap must parse exactly like the full tree.</summary>
public class CommandTreeTests
{
    [Fact]
    public void Each_group_adds_exactly_the_names_it_lists()
    {
        foreach (var (names, create) in PetalCli.Groups.Where(g => g.Names.Length > 0))
            Assert.Equal(names.Order(), create().Select(c => c.Name).Order());
    }

    [Fact]
    public void Listed_names_are_unique_and_cover_every_top_level_command_of_the_full_tree()
    {
        var listed = PetalCli.Groups.SelectMany(g => g.Names).ToList();
        Assert.Equal(listed.Count, listed.Distinct().Count());
        var unlisted = PetalCli.Groups.Where(g => g.Names.Length == 0).SelectMany(g => g.Create()).Select(c => c.Name);
        Assert.Equal(PetalCli.BuildRoot().Subcommands.Select(c => c.Name).Order(), listed.Concat(unlisted).Order());
    }

    [Theory]
    [InlineData("validate", "validate,schema")]
    [InlineData("plan", "plan")]
    [InlineData("garden", "garden")]
    public void A_named_command_builds_only_its_group(string first, string expected) =>
        Assert.Equal(expected.Split(','), PetalCli.BuildFor([first, "x"]).Subcommands.Select(c => c.Name));

    [Theory]
    [InlineData("--help")]
    [InlineData("--output")]
    [InlineData("no-such-command")]
    public void Help_options_first_and_unknown_names_get_the_full_tree(string first) =>
        Assert.Equal(PetalCli.BuildRoot().Subcommands.Count, PetalCli.BuildFor([first]).Subcommands.Count);

    [Fact]
    public void No_arguments_get_the_full_tree() =>
        Assert.Equal(PetalCli.BuildRoot().Subcommands.Count, PetalCli.BuildFor([]).Subcommands.Count);
}
