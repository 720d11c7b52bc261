using System.Globalization;
using Petal.Garden.Values;

namespace Petal.Garden.Selection.Expressions;

/// <summary>Splits an expression into numbers, names (letters, digits, _ and .), operators and parentheses.</summary>
internal static class Tokenizer
{
    private static readonly string[] Operators = ["&&", "||", "==", "!=", "<=", ">=", "<", ">", "+", "-", "*", "/", "%", "!"];

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            var start = i;
            if (char.IsDigit(c) || c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E'
                       || text[i] is '+' or '-' && text[i - 1] is 'e' or 'E')) i++;
                if (!double.TryParse(text[start..i], NumberStyles.Float, CultureInfo.InvariantCulture, out var n))
                    throw Error(text, start, $"'{text[start..i]}' is not a number");
                tokens.Add(new Token(TokenKind.Number, text[start..i], n, start + 1));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.')) i++;
                tokens.Add(new Token(TokenKind.Identifier, text[start..i], 0, start + 1));
                continue;
            }
            if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(c == '(' ? TokenKind.LeftParen : c == ')' ? TokenKind.RightParen : TokenKind.Comma, c.ToString(), 0, start + 1));
                i++;
                continue;
            }
            var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                ?? throw Error(text, start, $"unexpected '{c}'");
            tokens.Add(new Token(TokenKind.Operator, op, 0, start + 1));
            i += op.Length;
        }
        tokens.Add(new Token(TokenKind.End, "", 0, text.Length + 1));
        return tokens;
    }

    public static GardenInputException Error(string text, int index, string message) =>
        new($"expression \"{text}\", column {index + 1}: {message}");
}
