namespace Petal.Spack;

/// <summary>
/// A hand-written equivalent of Spack 0.23's regex tokenizer: at each position the token kinds are
/// tried in declaration order and the first that matches wins (with the regexes' backtracking where
/// it changes the result). Tokens are produced on demand, like Spack's generator: a character no
/// token matches is reported only when the parser asks for the token there. Whitespace separates
/// tokens; newlines and other control characters match nothing (petal is stricter than Spack here,
/// because specs end up in shell scripts).
/// </summary>
internal struct SpecTokenizer(string text, int start, int end)
{
    private int _pos = start;

    /// <summary>Next non-whitespace token; false at the end; throws on a character nothing matches.</summary>
    public bool Next(out SpecToken token)
    {
        _pos = SkipSpaces(_pos);
        if (_pos >= end)
        {
            token = default;
            return false;
        }
        var (kind, tokenEnd) = Match(_pos);
        if (tokenEnd < 0) throw new SpecParseException(UnexpectedCharacter(_pos));
        token = new SpecToken(kind, _pos, tokenEnd);
        _pos = tokenEnd;
        return true;
    }

    private readonly SpecError UnexpectedCharacter(int pos)
    {
        var c = text[pos];
        var shown = c switch { '\n' => "a newline", '\r' => "a carriage return", '\t' => "a tab", _ when char.IsControl(c) => $"control character U+{(int)c:X4}", _ => $"'{c}'" };
        var hint = c is ';' or '$' or '`' or '|' or '&' or '<' or '>' or '\n' or '\r' or '(' or ')'
            ? " (shell syntax is not allowed in a spec)"
            : c is '"' or '\'' ? " (is a quote unbalanced, or a quoted value not after name=?)" : "";
        return new SpecError(SpecErrorKinds.Tokenization, $"unexpected tokens in the spec string: {shown} is not valid here{hint}", pos + 1);
    }

    private readonly (SpecTokenKind Kind, int End) Match(int p)
    {
        int e;
        switch (text[p])
        {
            case '^':
                return At(p + 1) == '[' ? (SpecTokenKind.StartEdgeProperties, p + 2) : (SpecTokenKind.Dependency, p + 1);
            case ']':
                return (SpecTokenKind.EndEdgeProperties, p + 1);
            case '@':
                if ((e = VersionHashPair(p + 1)) >= 0) return (SpecTokenKind.VersionHashPair, e);
                if ((e = GitVersionPattern(p + 1)) >= 0) return (SpecTokenKind.GitVersion, e);
                return (SpecTokenKind.Version, VersionList(SkipSpaces(p + 1)));
            case '+' or '~' or '-':
                if (At(p + 1) == text[p] && (e = NameEnd(SkipSpaces(p + 2))) >= 0) return (SpecTokenKind.PropagatedBoolVariant, e);
                if ((e = NameEnd(SkipSpaces(p + 1))) >= 0) return (SpecTokenKind.BoolVariant, e);
                return text[p] == '-' ? (SpecTokenKind.Filename, Filename(p)) : (SpecTokenKind.BoolVariant, -1);
            case '%':
                var nameEnd = NameEnd(SkipSpaces(p + 1));
                if (nameEnd < 0) return (SpecTokenKind.Compiler, -1);
                var at = SkipSpaces(nameEnd);
                if (At(at) == '@' && (e = VersionList(SkipSpaces(at + 1))) >= 0) return (SpecTokenKind.CompilerAndVersion, e);
                return (SpecTokenKind.Compiler, nameEnd);
            case '.':
                return (SpecTokenKind.Filename, Filename(p));
            case '/':
                if ((e = Filename(p)) >= 0) return (SpecTokenKind.Filename, e);
                e = p + 1;
                while (IsIdStart(At(e))) e++;
                return (SpecTokenKind.DagHash, e > p + 1 ? e : -1);
        }
        if (!IsIdStart(text[p])) return (SpecTokenKind.UnqualifiedPackageName, -1);

        var name = NameEnd(p);
        if (At(name) == '=')
        {
            if (At(name + 1) == '=' && (e = ValueOrQuoted(name + 2)) >= 0) return (SpecTokenKind.PropagatedKeyValuePair, e);
            if ((e = ValueOrQuoted(name + 1)) >= 0) return (SpecTokenKind.KeyValuePair, e);
        }
        if ((e = Filename(p)) >= 0) return (SpecTokenKind.Filename, e);
        var id = IdEnd(p);
        var dotted = id;
        while (At(dotted) == '.' && IsIdStart(At(dotted + 1))) dotted = IdEnd(dotted + 1);
        return dotted > id ? (SpecTokenKind.FullyQualifiedPackageName, dotted) : (SpecTokenKind.UnqualifiedPackageName, id);
    }

    // ---- pieces of Spack's regexes -------------------------------------------------------------

    private readonly char At(int i) => i < end ? text[i] : '\0';

    private readonly int SkipSpaces(int i)
    {
        while (i < end && IsSpace(text[i])) i++;
        return i;
    }

    /// <summary>Python's \s minus newlines and other control characters.</summary>
    internal static bool IsSpace(char c) => c is ' ' or '\t' || (c >= 0x80 && char.IsWhiteSpace(c));

    private static bool IsIdStart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';
    private static bool IsIdChar(char c) => IsIdStart(c) || c == '-';
    private static bool IsNameChar(char c) => IsIdChar(c) || c == '.';
    private static bool IsWord(char c) => IsIdStart(c) || (c >= 0x80 && char.IsLetterOrDigit(c));
    private static bool IsValueChar(char c) => IsNameChar(c) || c is '+' or '*' or ',' or ':' or '=' or '~' or '/' or '\\';
    private static bool IsFilenameChar(char c) => IsNameChar(c) || c == '/';

    /// <summary>IDENTIFIER: [a-zA-Z_0-9][a-zA-Z_0-9-]*</summary>
    private readonly int IdEnd(int i)
    {
        i++;
        while (IsIdChar(At(i))) i++;
        return i;
    }

    /// <summary>NAME: [a-zA-Z_0-9][a-zA-Z_0-9-.]*, or -1.</summary>
    private readonly int NameEnd(int i)
    {
        if (!IsIdStart(At(i))) return -1;
        i++;
        while (IsNameChar(At(i))) i++;
        return i;
    }

    /// <summary>VALUE or QUOTED_VALUE after a key's '='.</summary>
    private readonly int ValueOrQuoted(int i)
    {
        var c = At(i);
        if (IsValueChar(c))
        {
            while (IsValueChar(At(i))) i++;
            return i;
        }
        return c is '\'' or '"' ? Quoted(i) : -1;
    }

    /// <summary>
    /// QUOTED_VALUE: '(?:[^']|(?&lt;=\\)')*' — ends at the first unescaped closing quote; without one,
    /// the regex backtracks to the last escaped quote.
    /// </summary>
    private readonly int Quoted(int open)
    {
        var quote = text[open];
        var lastEscaped = -1;
        for (var i = open + 1; i < end; i++)
        {
            if (text[i] != quote) continue;
            if (text[i - 1] != '\\') return i + 1;
            lastEscaped = i;
        }
        return lastEscaped >= 0 ? lastEscaped + 1 : -1;
    }

    /// <summary>
    /// VERSION: =?[a-zA-Z0-9_][a-zA-Z_0-9-.]*\b. Returns the longest match ending before
    /// <paramref name="limit"/> (the regex backtracks over trailing '.' and '-' to reach a word boundary), or -1.
    /// </summary>
    private readonly int VersionEnd(int i, int limit = int.MaxValue)
    {
        if (At(i) == '=') i++;
        if (!IsIdStart(At(i))) return -1;
        var j = i + 1;
        while (IsNameChar(At(j))) j++;
        for (var k = Math.Min(j, limit - 1); k > i; k--)
            if (IsWord(text[k - 1]) && !IsWord(At(k))) return k;
        return -1;
    }

    /// <summary>VERSION_LIST: item (\s*,\s* item)*; -1 if the first item does not match.</summary>
    private readonly int VersionList(int i)
    {
        var e = VersionListItem(i);
        if (e < 0) return -1;
        while (true)
        {
            var comma = SkipSpaces(e);
            if (At(comma) != ',') return e;
            var next = VersionListItem(SkipSpaces(comma + 1));
            if (next < 0) return e;
            e = next;
        }
    }

    /// <summary>VERSION_RANGE | VERSION, where VERSION_RANGE = (VERSION)?:(VERSION(?!\s*=))?</summary>
    private readonly int VersionListItem(int i)
    {
        var colon = -1;
        for (var lo = VersionEnd(i); lo >= 0; lo = VersionEnd(i, lo))
            if (At(lo) == ':') { colon = lo; break; }
        if (colon < 0 && At(i) == ':') colon = i;
        if (colon >= 0)
        {
            for (var hi = VersionEnd(colon + 1); hi >= 0; hi = VersionEnd(colon + 1, hi))
                if (At(SkipSpaces(hi)) != '=') return hi;
            return colon + 1;
        }
        return VersionEnd(i);
    }

    /// <summary>GIT_VERSION_PATTERN: git.&lt;ref&gt; or a 40-hex commit; returns the end or -1.</summary>
    private readonly int GitVersionPattern(int i)
    {
        if (At(i) == 'g' && At(i + 1) == 'i' && At(i + 2) == 't' && At(i + 3) == '.' && IsIdStart(At(i + 4)))
        {
            var j = i + 5;
            while (IsNameChar(At(j)) || At(j) == '/') j++;
            return j;
        }
        if (i + 40 <= end && SpackVersion.IsHex(text.AsSpan(i, 40))) return i + 40;
        return -1;
    }

    /// <summary>VERSION_HASH_PAIR after '@': git_version=VERSION.</summary>
    private readonly int VersionHashPair(int i)
    {
        var git = GitVersionPattern(i);
        if (git < 0 || At(git) != '=') return -1;
        return VersionEnd(git + 1);
    }

    /// <summary>UNIX_FILENAME: (\.|/|[a-zA-Z0-9-_]*/)([a-zA-Z0-9-_./]*)(\.json|\.yaml)</summary>
    private readonly int Filename(int p)
    {
        if (text[p] is '.' or '/' && FilenameBody(p + 1) is var e and >= 0) return e;
        var j = p;
        while (IsIdChar(At(j))) j++;
        return At(j) == '/' ? FilenameBody(j + 1) : -1;
    }

    private readonly int FilenameBody(int i)
    {
        var m = i;
        while (IsFilenameChar(At(m))) m++;
        for (var b = m - 5; b >= i; b--)
        {
            var suffix = text.AsSpan(b, 5);
            if (suffix.SequenceEqual(".json") || suffix.SequenceEqual(".yaml")) return b + 5;
        }
        return -1;
    }
}
