namespace Petal.Garden.Matching;

/// <summary>
/// Exact: every condition met as asked (equality, the first alternative, a version on the lower
/// bound). Compatible: met, but through a later alternative or a newer version. Incompatible: not met.
/// </summary>
public enum MatchGrade { Exact, Compatible, Incompatible }
