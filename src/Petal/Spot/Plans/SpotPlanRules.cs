namespace Petal.Spot.Plans;

/// <summary>Diagnostic rule ids of spot plans.</summary>
public static class SpotPlanRules
{
    public const string Syntax = "SPOT-PLAN-SYNTAX";
    public const string UnknownKey = "SPOT-PLAN-KEY";
    public const string Value = "SPOT-PLAN-VALUE";
    public const string Missing = "SPOT-PLAN-MISSING";
    public const string UnknownPlaceholder = "SPOT-PLACEHOLDER-UNKNOWN";
    public const string UnfilledPlaceholder = "SPOT-PLACEHOLDER-UNFILLED";
    public const string UnusedVar = "SPOT-VAR-UNUSED";
}
