namespace Petal.Garden.Selection.Expressions;

internal enum TokenKind { Number, Identifier, Operator, LeftParen, RightParen, Comma, End }

/// <summary>One lexeme with its 1-based column, for error messages.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, double Number, int Column);
