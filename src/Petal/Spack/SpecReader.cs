namespace Petal.Spack;

/// <summary>
/// The recursive-descent part of <see cref="SpecParser"/>, a port of Spack's SpecParser /
/// SpecNodeParser / EdgeAttributeParser with their one-token look-ahead. Tokens are pulled from
/// the tokenizer only when the parser moves on, so, as in Spack, text after the point where
/// parsing stops is reported as "parsed more than one" (ValueError) rather than as a
/// tokenization error.
/// </summary>
internal sealed class SpecReader(string text, int start, int end)
{
    private static readonly string[] ReservedNames = ["arch", "architecture", "dev_path", "namespace", "operating_system", "os", "patches", "platform", "target"];

    private SpecTokenizer _tokenizer = new(text, start, end);
    private SpecToken _current;
    private SpecToken _next;
    private bool _hasCurrent;
    private bool _hasNext;

    public SpackSpec ReadSpec()
    {
        Advance();
        var root = new SpackSpec();
        ReadNode(root, isRoot: true);
        while (true)
        {
            if (Accept(SpecTokenKind.StartEdgeProperties))
            {
                var sigil = _current;
                var (depTypes, virtuals) = ReadEdgeAttributes();
                AddDependency(root, ReadDependencyNode(), depTypes, virtuals, sigil);
            }
            else if (Accept(SpecTokenKind.Dependency))
            {
                var sigil = _current;
                AddDependency(root, ReadDependencyNode(), 0, [], sigil);
            }
            else break;
        }

        if (!_hasCurrent || _current.End != end)
        {
            var at = _hasNext ? _next.Start : start;
            throw Error(SpecErrorKinds.Value, _hasCurrent
                ? $"a single spec was requested, but parsed more than one: '{text[at..end]}' cannot follow '{text[start.._current.End]}'{QuoteHint(at)}"
                : $"a single spec was requested, but none was parsed: '{text[at..end]}' cannot start a spec", at);
        }
        root.SortDependencies();
        return root;
    }

    private string QuoteHint(int at)
    {
        var rest = text.AsSpan(at, end - at);
        return rest.Count('"') % 2 == 1 || rest.Count('\'') % 2 == 1 ? " (unterminated quote?)" : "";
    }

    // ---- token context (Spack's TokenContext) ------------------------------------------------

    private void Advance()
    {
        _current = _next;
        _hasCurrent = _hasNext;
        _hasNext = _tokenizer.Next(out _next);
    }

    private bool Accept(SpecTokenKind kind)
    {
        if (!_hasNext || _next.Kind != kind) return false;
        Advance();
        return true;
    }

    private bool Expect(SpecTokenKind kind) => _hasNext && _next.Kind == kind;

    private string Value(in SpecToken token) => text.Substring(token.Start, token.Length);

    private SpecParseException Error(string kind, string message, int position) =>
        new(new SpecError(kind, message, position + 1));

    // ---- nodes --------------------------------------------------------------------------------

    private SpackSpec ReadDependencyNode()
    {
        var dependency = new SpackSpec();
        if (!ReadNode(dependency, isRoot: false))
            throw Error(SpecErrorKinds.Parsing, "the dependency sigil and any optional edge attributes must be followed by a "
                + "package name or a node attribute (version, variant, etc.)", _current.Start);
        return dependency;
    }

    /// <summary>SpecNodeParser.parse; false when there is no node here (end of input or another '^').</summary>
    private bool ReadNode(SpackSpec spec, bool isRoot)
    {
        if (!_hasNext || _next.Kind == SpecTokenKind.Dependency) return isRoot;

        if (Accept(SpecTokenKind.UnqualifiedPackageName))
            spec.Name = Value(_current);
        else if (Accept(SpecTokenKind.FullyQualifiedPackageName))
        {
            var full = Value(_current);
            var dot = full.LastIndexOf('.');
            spec.Name = full[(dot + 1)..];
            spec.Namespace = full[..dot];
        }
        else if (Accept(SpecTokenKind.Filename))
            throw Error(SpecErrorKinds.Parsing, $"spec files ('{Value(_current)}') are not supported by petal: write the spec itself", _current.Start);

        var hasCompiler = false;
        var hasVersion = false;
        while (true)
        {
            if (Accept(SpecTokenKind.Compiler) || Accept(SpecTokenKind.CompilerAndVersion))
            {
                if (hasCompiler)
                    throw Error(SpecErrorKinds.DuplicateCompiler, $"{spec.Format(false)} cannot have multiple compilers", _current.Start);
                spec.Compiler = ReadCompiler();
                hasCompiler = true;
            }
            else if (Accept(SpecTokenKind.VersionHashPair) || Accept(SpecTokenKind.GitVersion) || Accept(SpecTokenKind.Version))
            {
                if (hasVersion)
                    throw Error(SpecErrorKinds.MultipleVersion, $"{spec.Format(false)} cannot have multiple versions", _current.Start);
                spec.Versions = ReadVersions(_current.Start + 1, _current.End);
                hasVersion = true;
            }
            else if (Accept(SpecTokenKind.BoolVariant))
                AddBoolVariant(spec, text[_current.Start] == '+', 1, propagate: false);
            else if (Accept(SpecTokenKind.PropagatedBoolVariant))
                AddBoolVariant(spec, text[_current.Start] == '+', 2, propagate: true);
            else if (Accept(SpecTokenKind.KeyValuePair))
                AddKeyValue(spec, propagate: false);
            else if (Accept(SpecTokenKind.PropagatedKeyValuePair))
                AddKeyValue(spec, propagate: true);
            else if (Expect(SpecTokenKind.DagHash))
            {
                if (spec.Hash is not null) break;
                Advance();
                spec.Hash = text.Substring(_current.Start + 1, _current.Length - 1);
            }
            else break;
        }
        return true;
    }

    private CompilerSpec ReadCompiler()
    {
        var at = text.IndexOf('@', _current.Start, _current.Length);
        var nameEnd = at < 0 ? _current.End : at;
        var name = text[(_current.Start + 1)..nameEnd].Trim();
        return new CompilerSpec(name, at < 0 ? VersionList.Any : ReadVersions(at + 1, _current.End));
    }

    private VersionList ReadVersions(int from, int to)
    {
        try
        {
            return VersionList.Parse(text[from..to]);
        }
        catch (EmptyVersionRangeException e)
        {
            throw Error(SpecErrorKinds.EmptyRange, e.Message, from);
        }
        catch (FormatException e)
        {
            throw Error(SpecErrorKinds.Value, e.Message, from);
        }
    }

    private void AddBoolVariant(SpackSpec spec, bool value, int sigilLength, bool propagate)
    {
        var name = text.Substring(_current.Start + sigilLength, _current.Length - sigilLength).Trim();
        if (propagate && Array.IndexOf(ReservedNames, name) >= 0) throw UnsupportedPropagation(name);
        if (Array.IndexOf(ReservedNames, name) >= 0 || CompilerFlag.FlagNames.Contains(name))
            throw Error(SpecErrorKinds.Parsing, $"'{name}' is not a variant: write {name}=<value>", _current.Start);
        AddVariant(spec, SpackVariant.Bool(name, value, propagate));
    }

    /// <summary>SPLIT_KVP: NAME, then '==' or '=', then the value with its quotes removed.</summary>
    private void AddKeyValue(SpackSpec spec, bool propagate)
    {
        var p = _current.Start;
        while (p < _current.End && text[p] != '=') p++;
        var name = text[_current.Start..p];
        var valueStart = p + (p + 1 < _current.End && text[p + 1] == '=' ? 2 : 1);
        var value = StripQuotes(text[valueStart.._current.End]);

        if (propagate && Array.IndexOf(ReservedNames, name) >= 0) throw UnsupportedPropagation(name);
        switch (name)
        {
            case "arch" or "architecture":
                var parts = value.Split('-');
                if (parts.Length == 3) SetArchitecture(spec, parts[0], parts[1], parts[2], true, true, true);
                else SetArchitecture(spec, null, null, value, true, true, true);
                break;
            case "platform":
                SetArchitecture(spec, value, null, null, true, false, false);
                break;
            case "os" or "operating_system":
                SetArchitecture(spec, null, value, null, false, true, false);
                break;
            case "target":
                SetArchitecture(spec, null, null, value, false, false, true);
                break;
            case "namespace":
                spec.Namespace = value;
                break;
            default:
                if (CompilerFlag.FlagNames.Contains(name))
                {
                    var flags = CompilerFlag.Split(value, propagate).ToList();
                    if (flags.Count == 0) break;
                    if (spec.MutableFlags.TryGetValue(name, out var existing)) flags.InsertRange(0, existing);
                    spec.MutableFlags[name] = flags;
                }
                else AddVariant(spec, SpackVariant.FromValue(name, value, propagate));
                break;
        }
    }

    /// <summary>strip_quotes_and_unescape: ^(['"])(.*)\1$ (no newline inside), then \" → ".</summary>
    private static string StripQuotes(string value)
    {
        if (value.Length < 2 || value[0] is not ('\'' or '"') || value[^1] != value[0] || value.AsSpan(1, value.Length - 2).Contains('\n'))
            return value;
        var quote = value[0];
        return value[1..^1].Replace("\\" + quote, quote.ToString(), StringComparison.Ordinal);
    }

    private SpecParseException UnsupportedPropagation(string name) =>
        Error(SpecErrorKinds.UnsupportedPropagation, $"Propagation with '==' is not supported for '{name}'.", _current.Start);

    private void AddVariant(SpackSpec spec, SpackVariant variant)
    {
        if (!spec.MutableVariants.TryAdd(variant.Name, variant))
            throw Error(SpecErrorKinds.DuplicateVariant, $"Cannot specify variant \"{variant.Name}\" twice", _current.Start);
    }

    /// <summary>Spec._set_architecture: a concrete architecture cannot change; a set part cannot be set again.</summary>
    private void SetArchitecture(SpackSpec spec, string? platform, string? os, string? target, bool setsPlatform, bool setsOs, bool setsTarget)
    {
        var arch = spec.Architecture;
        if (arch is { IsConcrete: true })
            throw Error(SpecErrorKinds.DuplicateArchitecture, "Spec cannot have two architectures.", _current.Start);
        if (arch is null)
        {
            spec.Architecture = new ArchSpec(NoneToNull(platform), NoneToNull(os), NoneToNull(target));
            return;
        }
        if (setsPlatform) arch = arch with { Platform = SetPart(arch.Platform, platform, "platform") };
        if (setsOs) arch = arch with { Os = SetPart(arch.Os, os, "os") };
        if (setsTarget) arch = arch with { Target = SetPart(arch.Target, target, "target") };
        spec.Architecture = arch;
    }

    private string? SetPart(string? existing, string? value, string part) =>
        existing is null ? NoneToNull(value) : throw Error(SpecErrorKinds.DuplicateArchitecture, $"Cannot specify '{part}' twice", _current.Start);

    private static string? NoneToNull(string? value) => value is null or "" or "None" ? null : value;

    // ---- dependencies -------------------------------------------------------------------------

    /// <summary>EdgeAttributeParser: <c>^[deptypes=build,link virtuals=mpi]</c>.</summary>
    private (int DepTypes, string[] Virtuals) ReadEdgeAttributes()
    {
        string[]? depTypes = null;
        var depTypesAt = 0;
        string[] virtuals = [];
        while (true)
        {
            if (Accept(SpecTokenKind.KeyValuePair))
            {
                var token = Value(_current);
                var eq = token.IndexOf('=');
                var name = token[..eq].Trim('\'', '"', ' ');
                var values = token[(eq + 1)..].Trim('\'', '"', ' ').Split(',');
                if (name == "deptypes") (depTypes, depTypesAt) = (values, _current.Start);
                else if (name == "virtuals") virtuals = values;
                else
                    throw Error(SpecErrorKinds.Parsing, "the only edge attributes that are currently accepted are \"deptypes\" and \"virtuals\"", _current.Start);
            }
            else if (Accept(SpecTokenKind.EndEdgeProperties)) break;
            else throw Error(SpecErrorKinds.Parsing, "unexpected token in edge attributes", _hasNext ? _next.Start : end);
        }

        var flags = 0;
        if (depTypes is not null)
        {
            var bad = depTypes.Where(d => DependencyTypes.Flag(d) == 0).ToArray();
            if (bad.Length > 0)
                throw Error(SpecErrorKinds.Value, $"Invalid dependency types: {string.Join(",", bad)} (use build, link, run, test)", depTypesAt);
            foreach (var d in depTypes) flags |= DependencyTypes.Flag(d);
        }
        return (flags, virtuals.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Spec._add_dependency: a package named twice with the same edge types is merged (constraints intersected).</summary>
    private void AddDependency(SpackSpec root, SpackSpec dependency, int depTypes, string[] virtuals, SpecToken sigil)
    {
        var same = dependency.Name is null ? [] : root.Dependencies.Where(d => d.Name == dependency.Name).ToArray();
        if (same.FirstOrDefault(d => d.DepTypeFlags == depTypes) is { } existing)
        {
            if (SpecConstraint.Merge(existing, dependency) is { } conflict)
                throw Error(SpecErrorKinds.DuplicateDependency, $"Cannot depend on incompatible specs '{existing.Format(false)}' and '{dependency.Format(false)}': {conflict}", sigil.Start);
            existing.Virtuals = existing.Virtuals.Union(virtuals).Order(StringComparer.Ordinal).ToArray();
            return;
        }
        if (same.Any(d => !DependencyTypes.Compatible(d.DepTypeFlags, depTypes)))
            throw Error(SpecErrorKinds.DuplicateDependency, $"{dependency.Name} is a duplicate dependency, with conflicting dependency types", sigil.Start);
        dependency.DepTypeFlags = depTypes;
        dependency.Virtuals = virtuals;
        root.MutableDependencies.Add(dependency);
    }
}
