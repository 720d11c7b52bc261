namespace Petal.Garden.Selection.Expressions;

/// <summary>
/// A parsed expression over named numbers. Booleans are 1 and 0 (comparisons give them; any
/// non-zero value is true). Evaluation only reads the variables it is given: nothing else is reachable.
/// </summary>
public abstract class Expr
{
    /// <exception cref="MissingVariableException">a name has no value for this cluster.</exception>
    public abstract double Evaluate(IReadOnlyDictionary<string, double> variables);

    public static Expr Parse(string text) => new ExprParser(text).ParseAll();
}

/// <summary>A name the cluster's state and the job's parameters do not define.</summary>
public sealed class MissingVariableException(string name) : Exception($"missing variable {name}")
{
    public string Name { get; } = name;
}

internal sealed class NumberExpr(double value) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variables) => value;
}

internal sealed class VariableExpr(string name) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variables) =>
        variables.TryGetValue(name, out var v) ? v : throw new MissingVariableException(name);
}

internal sealed class UnaryExpr(string op, Expr operand) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variables)
    {
        var v = operand.Evaluate(variables);
        return op == "-" ? -v : v == 0 ? 1 : 0;
    }
}

internal sealed class BinaryExpr(string op, Expr left, Expr right) : Expr
{
    public override double Evaluate(IReadOnlyDictionary<string, double> variables)
    {
        var l = left.Evaluate(variables);
        // && and || short-circuit, so "x > 0 && y / x > 2" is safe.
        if (op == "&&") return l != 0 && right.Evaluate(variables) != 0 ? 1 : 0;
        if (op == "||") return l != 0 || right.Evaluate(variables) != 0 ? 1 : 0;
        var r = right.Evaluate(variables);
        return op switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => l / r,
            "%" => l % r,
            "==" => l == r ? 1 : 0,
            "!=" => l != r ? 1 : 0,
            "<" => l < r ? 1 : 0,
            "<=" => l <= r ? 1 : 0,
            ">" => l > r ? 1 : 0,
            _ => l >= r ? 1 : 0,
        };
    }
}

internal sealed class CallExpr(string function, IReadOnlyList<Expr> arguments) : Expr
{
    public static readonly string[] Functions = ["min", "max", "abs", "ceil", "floor"];

    public override double Evaluate(IReadOnlyDictionary<string, double> variables)
    {
        var first = arguments[0].Evaluate(variables);
        switch (function)
        {
            case "abs": return Math.Abs(first);
            case "ceil": return Math.Ceiling(first);
            case "floor": return Math.Floor(first);
        }
        var result = first;
        for (var i = 1; i < arguments.Count; i++)
        {
            var v = arguments[i].Evaluate(variables);
            result = function == "min" ? Math.Min(result, v) : Math.Max(result, v);
        }
        return result;
    }
}
