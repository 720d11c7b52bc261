namespace Petal.Seeds;

/// <summary>Ids of the structural checks done while reading a seed (semantic rules carry their own id).</summary>
public static class SeedRuleIds
{
    public const string Unreadable = "SEED-UNREADABLE";
    public const string YamlSyntax = "YAML-SYNTAX";
    public const string DuplicateKey = "YAML-DUPLICATE-KEY";
    public const string UnknownKey = "SEED-UNKNOWN-KEY";
    public const string Required = "SEED-REQUIRED";
    public const string Type = "SEED-TYPE";
    public const string Enum = "SEED-ENUM";
    public const string Range = "SEED-RANGE";
    public const string TooLarge = "SEED-TOO-LARGE";
    public const string Extends = "SEED-EXTENDS";
}
