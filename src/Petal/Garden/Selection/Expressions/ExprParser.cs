namespace Petal.Garden.Selection.Expressions;

/// <summary>
/// Recursive descent, lowest precedence first: || → &amp;&amp; → == != → &lt; &lt;= &gt; &gt;= → + - → * / % → unary - ! → atoms
/// (numbers, names, <c>min/max/abs/ceil/floor(...)</c>, parentheses). <c>true</c>/<c>false</c> are 1/0.
/// </summary>
internal sealed class ExprParser(string text)
{
    private readonly List<Token> _tokens = Tokenizer.Tokenize(text);
    private int _pos;

    private static readonly string[][] Levels = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];

    public Expr ParseAll()
    {
        if (_tokens[0].Kind == TokenKind.End) throw Error(_tokens[0], "empty expression");
        var e = Binary(0);
        if (Peek.Kind != TokenKind.End) throw Error(Peek, $"unexpected '{Peek.Text}'");
        return e;
    }

    private Token Peek => _tokens[_pos];

    private Expr Binary(int level)
    {
        if (level == Levels.Length) return Unary();
        var left = Binary(level + 1);
        while (Peek.Kind == TokenKind.Operator && Levels[level].Contains(Peek.Text))
        {
            var op = _tokens[_pos++].Text;
            left = new BinaryExpr(op, left, Binary(level + 1));
        }
        return left;
    }

    private Expr Unary()
    {
        if (Peek.Kind == TokenKind.Operator && Peek.Text is "-" or "!")
        {
            var op = _tokens[_pos++].Text;
            return new UnaryExpr(op, Unary());
        }
        return Atom();
    }

    private Expr Atom()
    {
        var t = _tokens[_pos++];
        switch (t.Kind)
        {
            case TokenKind.Number: return new NumberExpr(t.Number);
            case TokenKind.LeftParen:
                var inner = Binary(0);
                Expect(TokenKind.RightParen, ")");
                return inner;
            case TokenKind.Identifier when t.Text is "true" or "false":
                return new NumberExpr(t.Text == "true" ? 1 : 0);
            case TokenKind.Identifier when Peek.Kind == TokenKind.LeftParen:
                if (!CallExpr.Functions.Contains(t.Text))
                    throw Error(t, $"unknown function '{t.Text}' (known: {string.Join(", ", CallExpr.Functions)})");
                _pos++;
                var args = new List<Expr> { Binary(0) };
                while (Peek.Kind == TokenKind.Comma) { _pos++; args.Add(Binary(0)); }
                Expect(TokenKind.RightParen, ")");
                if (t.Text is "abs" or "ceil" or "floor" && args.Count != 1) throw Error(t, $"{t.Text} takes one argument");
                return new CallExpr(t.Text, args);
            case TokenKind.Identifier: return new VariableExpr(t.Text);
            case TokenKind.End: throw Error(t, "the expression ends too early");
            default: throw Error(t, $"unexpected '{t.Text}'");
        }
    }

    private void Expect(TokenKind kind, string what)
    {
        if (Peek.Kind != kind) throw Error(Peek, $"expected '{what}'" + (Peek.Kind == TokenKind.End ? " before the end" : $", found '{Peek.Text}'"));
        _pos++;
    }

    private Values.GardenInputException Error(Token t, string message) => Tokenizer.Error(text, t.Column - 1, message);
}
