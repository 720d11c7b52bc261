using Petal.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Petal.Seeds.Yaml;

/// <summary>
/// Reads YAML text into <see cref="YNode"/>s from YamlDotNet's event stream (no reflection), keeping
/// every node's line and column. Iterative, with bounds on nesting and size, so hostile input
/// (deep nesting, huge files) ends in a located diagnostic instead of a stack overflow.
/// </summary>
public static class YamlTreeReader
{
    public const int MaxDepth = 64;
    public const int MaxEvents = 200_000;

    public static (YNode? Root, IReadOnlyList<Diagnostic> Diagnostics) Read(string text, string file)
    {
        var diagnostics = new List<Diagnostic>();
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..];
        var parser = new Parser(new StringReader(text));
        try
        {
            return (Build(parser, file, diagnostics), diagnostics);
        }
        catch (YamlException e)
        {
            diagnostics.Add(SyntaxError(Clean(e.Message), Locate(file, e.Start)));
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this on some malformed input (found by the fuzz test).
            var at = parser.Current is { } last ? Locate(file, last.End) : new SourceLocation(file, 1, 1);
            diagnostics.Add(SyntaxError("malformed YAML after this position", at));
        }
        return (null, diagnostics);
    }

    private static Diagnostic SyntaxError(string message, SourceLocation at) =>
        new(SeedRuleIds.YamlSyntax, Severity.Error, message, "", at, "fix the YAML syntax at this position (tabs are not allowed for indentation)");

    private static YNode? Build(IParser parser, string file, List<Diagnostic> diagnostics)
    {
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        var stack = new Stack<Frame>();
        YNode? root = null;
        var documents = 0;
        var events = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            if (++events > MaxEvents)
                throw new YamlException(e.Start, e.End, $"the seed is too large (more than {MaxEvents} YAML nodes)");
            YNode? done = null;
            switch (e)
            {
                case DocumentStart when ++documents > 1:
                    diagnostics.Add(new Diagnostic(SeedRuleIds.YamlSyntax, Severity.Error,
                        "a seed is one YAML document; a second one starts here", "", Locate(file, e.Start),
                        "remove the '---' line and everything after it, or split it into another file"));
                    return root;
                case Scalar s:
                    done = Remember(anchors, s.Anchor, new YScalar(Locate(file, s.Start), s.Value,
                        s.Style == ScalarStyle.Plain, s.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted));
                    break;
                case AnchorAlias a:
                    if (!anchors.TryGetValue(a.Value.Value, out done))
                        throw new YamlException(a.Start, a.End, $"alias '*{a.Value.Value}' refers to no anchor defined before it");
                    break;
                case SequenceStart ss:
                    Push(stack, new Frame(Locate(file, ss.Start), ss.Anchor, isMapping: false, ChildPath(stack)), e);
                    break;
                case MappingStart ms:
                    Push(stack, new Frame(Locate(file, ms.Start), ms.Anchor, isMapping: true, ChildPath(stack)), e);
                    break;
                case SequenceEnd or MappingEnd:
                    var frame = stack.Pop();
                    done = Remember(anchors, frame.Anchor, frame.ToNode());
                    break;
            }
            if (done is null) continue;
            if (stack.Count == 0) root ??= done;
            else stack.Peek().Add(done, file, diagnostics);
        }
        return root;
    }

    private static string ChildPath(Stack<Frame> stack) => stack.Count == 0 ? "" : stack.Peek().NextChildPath();

    private static void Push(Stack<Frame> stack, Frame frame, ParsingEvent e)
    {
        if (stack.Count >= MaxDepth)
            throw new YamlException(e.Start, e.End, $"the seed nests deeper than {MaxDepth} levels");
        stack.Push(frame);
    }

    private static YNode Remember(Dictionary<string, YNode> anchors, AnchorName anchor, YNode node)
    {
        if (!anchor.IsEmpty) anchors[anchor.Value] = node;
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

    private sealed class Frame(SourceLocation location, AnchorName anchor, bool isMapping, string path)
    {
        private readonly List<YNode> _items = [];
        private readonly List<KeyValuePair<YScalar, YNode>> _entries = [];
        private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
        private YScalar? _pendingKey;
        private bool _skipValue;

        public AnchorName Anchor { get; } = anchor;

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
