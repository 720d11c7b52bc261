namespace Petal.Slurm;

/// <summary>A node's base state in Slurm (scontrol's word before the first '+').</summary>
public enum NodeBase { Idle, Allocated, Mixed, Completing, Down, Future, Unknown, Error }

/// <summary>The flags Slurm adds to a node's base state (scontrol's '+' words; sinfo's suffix symbols and drain/fail names).</summary>
[Flags]
public enum NodeFlags
{
    None = 0, Cloud = 1 << 0, PoweredDown = 1 << 1, PoweringUp = 1 << 2, PoweringDown = 1 << 3,
    /// <summary>Power down requested (scontrol POWER_DOWN, sinfo '!').</summary>
    PowerDownPending = 1 << 4,
    /// <summary>Drained when idle or down, draining while jobs still run.</summary>
    Drain = 1 << 5,
    Fail = 1 << 6, NotResponding = 1 << 7, Maintenance = 1 << 8, Reserved = 1 << 9, RebootPending = 1 << 10,
}

/// <summary>A node's state, typed: one parse of scontrol's "IDLE+CLOUD+POWERED_DOWN" and sinfo's "idle~" for every caller.</summary>
public readonly record struct NodeState(NodeBase Base, NodeFlags Flags)
{
    private const NodeFlags Away = NodeFlags.PoweredDown | NodeFlags.PoweringUp | NodeFlags.PoweringDown | NodeFlags.PowerDownPending
        | NodeFlags.Drain | NodeFlags.Fail | NodeFlags.NotResponding;

    public bool Has(NodeFlags flag) => (Flags & flag) == flag;

    /// <summary>Up: a running node whose slurmd answers; not powered down or powering up/down, down, drained, failed or unresponsive.</summary>
    public bool Up => Base is not (NodeBase.Down or NodeBase.Future or NodeBase.Unknown or NodeBase.Error) && (Flags & Away) == 0;

    public bool PoweredDown => Has(NodeFlags.PoweredDown);
    public bool Drained => Has(NodeFlags.Drain) && Base is NodeBase.Idle or NodeBase.Down;
    public bool Draining => Has(NodeFlags.Drain) && !Drained;

    /// <summary>Idle and up: what a started static node settles to.</summary>
    public bool Ready => Base == NodeBase.Idle && Up;

    private static readonly Dictionary<string, NodeFlags> FlagWords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["CLOUD"] = NodeFlags.Cloud, ["POWERED_DOWN"] = NodeFlags.PoweredDown, ["POWERING_UP"] = NodeFlags.PoweringUp,
        ["POWERING_DOWN"] = NodeFlags.PoweringDown, ["POWER_DOWN"] = NodeFlags.PowerDownPending, ["DRAIN"] = NodeFlags.Drain,
        ["FAIL"] = NodeFlags.Fail, ["NOT_RESPONDING"] = NodeFlags.NotResponding, ["MAINTENANCE"] = NodeFlags.Maintenance,
        ["RESERVED"] = NodeFlags.Reserved, ["REBOOT_REQUESTED"] = NodeFlags.RebootPending, ["REBOOT_ISSUED"] = NodeFlags.RebootPending,
        ["COMPLETING"] = NodeFlags.None, ["DYNAMIC_NORM"] = NodeFlags.None,
    };

    /// <summary>sinfo's long-form suffixes (man sinfo, NODE STATE CODES).</summary>
    private static readonly Dictionary<char, NodeFlags> Suffixes = new()
    {
        ['~'] = NodeFlags.PoweredDown, ['#'] = NodeFlags.PoweringUp, ['%'] = NodeFlags.PoweringDown, ['!'] = NodeFlags.PowerDownPending,
        ['*'] = NodeFlags.NotResponding, ['$'] = NodeFlags.Maintenance, ['@'] = NodeFlags.RebootPending, ['^'] = NodeFlags.RebootPending,
    };

    /// <summary>scontrol's (or sinfo --json's, joined with '+') state: "IDLE+CLOUD+POWERED_DOWN", "MIXED+DRAIN".</summary>
    public static NodeState FromScontrol(string text)
    {
        var words = text.Trim().Split('+', StringSplitOptions.RemoveEmptyEntries);
        var flags = NodeFlags.None;
        foreach (var w in words.Skip(1)) flags |= FlagWords.GetValueOrDefault(w, NodeFlags.None);
        return new NodeState(BaseOf(words.FirstOrDefault() ?? ""), flags);
    }

    /// <summary>sinfo's long form (%T): "idle~", "allocated#", "drained", "draining", "down*", "mixed-".</summary>
    public static NodeState FromSinfo(string text)
    {
        var word = text.Trim().ToLowerInvariant();
        var flags = NodeFlags.None;
        while (word.Length > 0 && Suffixes.TryGetValue(word[^1], out var f)) { flags |= f; word = word[..^1]; }
        word = word.TrimEnd('-');
        return word switch
        {
            "drained" or "drain" => new NodeState(NodeBase.Idle, flags | NodeFlags.Drain),
            "draining" => new NodeState(NodeBase.Allocated, flags | NodeFlags.Drain),
            "fail" => new NodeState(NodeBase.Idle, flags | NodeFlags.Fail | NodeFlags.Drain),
            "failing" => new NodeState(NodeBase.Allocated, flags | NodeFlags.Fail | NodeFlags.Drain),
            "reserved" or "resv" => new NodeState(NodeBase.Idle, flags | NodeFlags.Reserved),
            "maint" => new NodeState(NodeBase.Idle, flags | NodeFlags.Maintenance),
            _ => new NodeState(BaseOf(word), flags),
        };
    }

    private static NodeBase BaseOf(string word) => word.ToLowerInvariant() switch
    {
        "idle" => NodeBase.Idle,
        "allocated" or "alloc" => NodeBase.Allocated,
        "mixed" or "mix" => NodeBase.Mixed,
        "completing" or "comp" => NodeBase.Completing,
        "down" => NodeBase.Down,
        "future" => NodeBase.Future,
        "error" => NodeBase.Error,
        _ => NodeBase.Unknown,
    };

    /// <summary>Lowercase scontrol form ("idle+cloud+powered_down"), as `petal status` shows it.</summary>
    public override string ToString()
    {
        var flags = Flags;
        return string.Join('+', new[] { Base.ToString().ToLowerInvariant() }.Concat(
            FlagWords.Where(w => w.Value != NodeFlags.None && (flags & w.Value) == w.Value && w.Key != "REBOOT_ISSUED").Select(w => w.Key.ToLowerInvariant())));
    }
}
