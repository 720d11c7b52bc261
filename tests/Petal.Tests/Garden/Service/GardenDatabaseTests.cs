using Petal.Common;
using Petal.Garden.Service.Store;

namespace Petal.Tests.Garden.Service;

/// <summary>`--db`: a SQLite path or a postgres URL, whose password never shows in what petal prints.</summary>
public sealed class GardenDatabaseTests
{
    [Theory]
    [InlineData("garden.db")]
    [InlineData("/var/lib/petal/garden/garden.db")]
    [InlineData("relative dir/with:colon.db")]
    public void A_path_is_a_sqlite_file(string value)
    {
        var database = GardenDatabase.Parse(value);
        Assert.False(database.IsPostgres);
        Assert.Equal(value, database.Display);
    }

    [Theory]
    [InlineData("postgres://garden:s3cret@db.example:5433/petal", "postgres://garden:***@db.example:5433/petal")]
    [InlineData("postgresql://garden:s3cret@127.0.0.1/petal", "postgresql://garden:***@127.0.0.1/petal")]
    [InlineData("postgres://garden@[::1]:5432/petal", "postgres://garden@[::1]:5432/petal")]
    [InlineData("POSTGRES://garden:s3cret@h/petal", "POSTGRES://garden:***@h/petal")]
    public void A_postgres_url_is_shown_without_its_password(string value, string display)
    {
        var database = GardenDatabase.Parse(value);
        Assert.True(database.IsPostgres);
        Assert.Equal(display, database.Display);
        Assert.Equal(display, database.ToString());
    }

    [Fact]
    public void Generated_passwords_never_appear_in_the_display_or_in_errors()
    {
        var random = new Random(18);
        const string alphabet = "abcXYZ019!$&'()*+,;=-._~%40%3A%2F@:/?#[]";
        for (var i = 0; i < 500; i++)
        {
            var password = new string(Enumerable.Range(0, random.Next(6, 30)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var decoded = Uri.UnescapeDataString(password);
            var suffix = random.Next(4) switch { 0 => "@h:5432/db", 1 => "@h/db?sslmode=require", 2 => "@h", _ => "@:99999/db" };
            string shown;
            try
            {
                shown = GardenDatabase.Parse($"postgres://user:{password}{suffix}").Display;
            }
            catch (UserInputException e)
            {
                shown = e.Message;
            }
            // Short or common passwords may occur by chance in the rest of the text; long ones must not.
            if (decoded.Length >= 8) Assert.DoesNotContain(decoded, shown);
            if (password.Length >= 8) Assert.DoesNotContain(password, shown);
        }
    }

    [Fact]
    public void A_malformed_url_names_every_problem_without_the_password()
    {
        var e = Assert.Throws<UserInputException>(() => GardenDatabase.Parse("postgres://:hunter22@db.example/?sslmode=require"));
        Assert.Contains("name the user", e.Message);
        Assert.Contains("name one database", e.Message);
        Assert.Contains("options after '?'", e.Message);
        Assert.Contains("postgres://:***@db.example", e.Message);
        Assert.DoesNotContain("hunter22", e.Message);
        Assert.Equal(ExitCodes.InvalidInput, e.ExitCode);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(GardenDatabase.MaxConnections + 1)]
    public void A_connection_bound_outside_its_range_is_refused(int connections)
    {
        var e = Assert.Throws<UserInputException>(() => GardenDatabase.Parse("postgres://u@h/db", connections));
        Assert.Contains($"--db-connections {connections}: give 1 to {GardenDatabase.MaxConnections}", e.Message);
        Assert.Equal(ExitCodes.InvalidInput, e.ExitCode);
    }

    [Theory]
    [InlineData("mysql://u:p@h/db", "'mysql://' is not a database petal speaks")]
    [InlineData("", "give a SQLite file path or postgres://")]
    [InlineData("a\nb.db", "no control characters")]
    [InlineData("postgres://u:p%00w@h/db", "the password decodes to a control character")]
    public void Other_values_are_refused_with_how_to_fix(string value, string expected)
    {
        Assert.Contains(expected, Assert.Throws<UserInputException>(() => GardenDatabase.Parse(value)).Message);
    }
}
