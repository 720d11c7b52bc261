using Petal.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Petal.Seeds.Yaml;

/// <summary>
/// petal's one reader for YAML input (seeds and their bases, spot plans, jobspecs from the CLI and the garden
/// service): YAML text into <see cref="YNode"/>s from YamlDotNet's event stream (no reflection, no representation
/// model), keeping every node's line and column. Iterative and bounded, so hostile input ends in a located
/// diagnostic, never a stack overflow or a runaway: nesting depth, aliases used, nodes counted after alias
/// expansion (an alias costs as much as what it names: a billion-laughs bomb is refused while it is being read),
/// and tags (only YAML's standard ones, which are honoured: <c>!!str 5</c> is the text "5"). Files are read
/// through <see cref="InputFiles"/> (regular files only, size counted on the stream).
/// </summary>
public static class YamlTreeReader
{
    public const int MaxDepth = 64;

    /// <summary>Nodes in a document, aliases expanded (a large seed has a few thousand).</summary>
    public const int MaxNodes = 200_000;

    public const int MaxAliases = 1_000;

    public static (YNode? Root, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string file)
    {
        var diagnostics = new List<Diagnostic>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var parser = new Parser(new StringReader(text));
        var stack = new Stack<Frame>();
        try
        {
            return (Build(parser, file, diagnostics, stack), diagnostics);
        }
        catch (YamlException e)
        {
            var message = Clean(e.Message);
            diagnostics.Add(SyntaxError(message, Locate(file, e.Start), stack, text, message.Contains(" tab ", StringComparison.Ordinal)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (found by the fuzz test).
            var at = parser.Current is { } last ? Locate(file, last.End) : new SourceLocation(file, 1, 1);
            diagnostics.Add(SyntaxError("malformed YAML after this position", at, stack, text, false));
        }
        return (null, diagnostics);
    }

    /// <summary>A syntax error at the path being read when it struck, with the hint its line calls for.</summary>
    private static Diagnostic SyntaxError(string message, SourceLocation at, Stack<Frame> stack, string text, bool aboutTabs) =>
        new(SeedRuleIds.YamlSyntax, Severity.Error, message, stack.Count == 0 ? "" : stack.Peek().ReadingPath(), at, SyntaxHint(text, at.Line, aboutTabs));

    /// <summary>
    /// Tabs when YamlDotNet says so or the error's line (or the one before) indents with one; otherwise the usual
    /// cause, indentation.
    /// </summary>
    private static string SyntaxHint(string text, int line, bool aboutTabs)
    {
        var lines = text.Split('\n');
        bool TabIndented(int n) => n >= 1 && n <= lines.Length && lines[n - 1].TakeWhile(char.IsWhiteSpace).Contains('\t');
        return aboutTabs || TabIndented(line) || TabIndented(line - 1)
            ? "indent with spaces: YAML does not allow tabs for indentation"
            : "check the indentation here: the entries of one mapping, and the '- ' items of one list, start in the same column as their siblings";
    }

    private static YNode? Build(IParser parser, string file, List<Diagnostic> diagnostics, Stack<Frame> stack)
    {
        // Each anchor with the number of nodes it stands for, so an alias counts as its expansion.
        var anchors = new Dictionary<string, (YNode Node, long Size)>(StringComparer.Ordinal);
        YNode? root = null;
        var documents = 0;
        var aliases = 0;
        long nodes = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            YNode? done = null;
            switch (e)
            {
                case DocumentStart when ++documents > 1:
                    diagnostics.Add(new Diagnostic(SeedRuleIds.YamlSyntax, Severity.Error,
                        "the file is one YAML document; a second one starts here", "", Locate(file, e.Start),
                        "remove the '---' line and everything after it, or split it into another file"));
                    return root;
                case Scalar s:
                    Count(ref nodes, 1, e);
                    done = Remember(anchors, s.Anchor, Scalar(s, file), 1);
                    break;
                case AnchorAlias a:
                    if (!anchors.TryGetValue(a.Value.Value, out var anchored))
                        throw new YamlException(a.Start, a.End, $"alias '*{a.Value.Value}' refers to no anchor defined before it");
                    if (++aliases > MaxAliases)
                        throw new YamlException(a.Start, a.End, $"more than {MaxAliases} aliases; write the values out or use fewer anchors");
                    Count(ref nodes, anchored.Size, e);
                    done = anchored.Node;
                    break;
                case SequenceStart ss:
                    CheckTag(ss.Tag, "seq", ss);
                    Count(ref nodes, 1, e);
                    Push(stack, new Frame(Locate(file, ss.Start), ss.Anchor, isMapping: false, ChildPath(stack), nodes), e);
                    break;
                case MappingStart ms:
                    CheckTag(ms.Tag, "map", ms);
                    Count(ref nodes, 1, e);
                    Push(stack, new Frame(Locate(file, ms.Start), ms.Anchor, isMapping: true, ChildPath(stack), nodes), e);
                    break;
                case SequenceEnd or MappingEnd:
                    var frame = stack.Pop();
                    done = Remember(anchors, frame.Anchor, frame.ToNode(), nodes - frame.NodesBefore + 1);
                    break;
            }
            if (done is null) continue;
            if (stack.Count == 0) root ??= done;
            else stack.Peek().Add(done, file, diagnostics);
        }
        return root;
    }

    private static void Count(ref long nodes, long more, ParsingEvent e)
    {
        nodes += more;
        if (nodes > MaxNodes)
            throw new YamlException(e.Start, e.End, $"the document is too large: more than {MaxNodes} YAML nodes (aliases counted as what they expand to)");
    }

    /// <summary>YAML's standard tags, honoured; any other tag is refused (petal gives tags no meaning of its own).</summary>
    private const string StandardTag = "tag:yaml.org,2002:";

    private static readonly string[] ScalarTags = ["str", "int", "float", "bool", "null"];

    private static YScalar Scalar(Scalar s, string file)
    {
        var at = Locate(file, s.Start);
        var quoted = s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        if (s.Tag.IsEmpty) return new YScalar(at, s.Value, s.Style == ScalarStyle.Plain, quoted);
        // "!" (non-specific) and !!str make the value text; !!int, !!bool... must hold what they name.
        if (s.Tag.IsNonSpecific || s.Tag.Value == StandardTag + "str") return new YScalar(at, s.Value, plain: false, quoted);
        var tag = CheckTag(s.Tag, null, s);
        var scalar = new YScalar(at, s.Value, plain: true, quoted);
        var fits = tag switch
        {
            "int" => ScalarValues.TryInteger(scalar, out _),
            "bool" => ScalarValues.TryBoolean(scalar, out _),
            "null" => scalar.IsNull,
            _ => double.TryParse(s.Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _),
        };
        return fits ? scalar : throw new YamlException(s.Start, s.End, $"'{s.Value}' is not a valid !!{tag}");
    }

    /// <summary>The standard tag's short name ("int"); throws for a tag that is not standard or does not fit the node.</summary>
    private static string? CheckTag(TagName tag, string? collection, ParsingEvent e)
    {
        if (tag.IsEmpty || tag.IsNonSpecific) return null;
        var name = tag.Value.StartsWith(StandardTag, StringComparison.Ordinal) ? tag.Value[StandardTag.Length..] : null;
        if (name is not null && (collection is null ? ScalarTags.Contains(name) : name == collection)) return name;
        var shown = name is null ? tag.Value : "!!" + name;
        throw new YamlException(e.Start, e.End, name is null
            ? $"unknown tag '{shown}': petal reads plain YAML; remove the tag"
            : $"tag '{shown}' does not fit this {(collection is null ? "value" : collection == "map" ? "mapping" : "list")}; remove the tag");
    }

    private static string ChildPath(Stack<Frame> stack) => stack.Count == 0 ? "" : stack.Peek().NextChildPath();

    private static void Push(Stack<Frame> stack, Frame frame, ParsingEvent e)
    {
        if (stack.Count >= MaxDepth)
            throw new YamlException(e.Start, e.End, $"the document nests deeper than {MaxDepth} levels");
        stack.Push(frame);
    }

    private static YNode Remember(Dictionary<string, (YNode, long)> anchors, AnchorName anchor, YNode node, long size)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = (node, size);
        return node;
    }

    internal static SourceLocation Locate(string file, Mark mark) =>
        new(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: ..) - (...): "; the location is ours to print.</summary>
    private static string Clean(string message)
    {
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? message[(cut + 3)..] : message;
    }

    /// <param name="nodesBefore">Nodes counted when the collection started (itself included), for its anchor's size.</param>
    private sealed class Frame(SourceLocation location, AnchorName anchor, bool isMapping, string path, long nodesBefore)
    {
        public long NodesBefore { get; } = nodesBefore;

        private readonly List<YNode> _items = [];
        private readonly List<KeyValuePair<YScalar, YNode>> _entries = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private YScalar? _pendingKey;
        private bool _skipValue;

        public AnchorName Anchor { get; } = anchor;

        /// <summary>Where reading was inside this collection: the key whose value was being read, else the collection.</summary>
        public string ReadingPath() => isMapping
            ? _pendingKey is { } key ? SeedPath.Child(path, key.Value) : path
            : _items.Count == 0 ? path : SeedPath.Index(path, _items.Count - 1);

        public string NextChildPath() => isMapping
            ? SeedPath.Child(path, _pendingKey?.Value ?? "?")
            : SeedPath.Index(path, _items.Count);

        public void Add(YNode node, string file, List<Diagnostic> diagnostics)
        {
            if (!isMapping) { _items.Add(node); return; }
            if (_pendingKey is null && !_skipValue)
            {
                if (node is YScalar key)
                {
                    if (!_keys.Add(key.Value))
                    {
                        diagnostics.Add(new Diagnostic(SeedRuleIds.DuplicateKey, Severity.Error,
                            $"duplicate key '{key.Value}'", SeedPath.Child(path, key.Value), key.Location,
                            "each key may appear once in a mapping; remove or merge the repeated one"));
                        _skipValue = true;
                    }
                    else _pendingKey = key;
                }
                else
                {
                    diagnostics.Add(new Diagnostic(SeedRuleIds.YamlSyntax, Severity.Error,
                        $"a mapping key must be a plain string, not {node.Describe()}", path, node.Location,
                        "write keys as simple words such as 'name:'"));
                    _skipValue = true;
                }
                return;
            }
            if (_pendingKey is not null) _entries.Add(new(_pendingKey, node));
            _pendingKey = null;
            _skipValue = false;
        }

        public YNode ToNode() => isMapping ? new YMapping(location, _entries) : new YSequence(location, _items);
    }
}
