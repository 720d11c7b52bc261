using Petal.Garden.Descriptions;
using Petal.Garden.Jobspecs;
using Petal.Garden.Matching;
using Petal.Garden.Selection;
using Petal.Garden.Selection.Expressions;
using Petal.Garden.Simulation;
using Petal.Garden.Values;

namespace Petal.Tests.Garden;

public class SelectionTests
{
    private static readonly Jobspec Job = JobspecReader.Parse(RainbowFixtures.Read("scheduler/jobspec-constraint.yaml"), "constraint");

    private static ClusterMatch Candidate(string name, double score = 1) =>
        new(RainbowFixtures.Keebler(io: false) with { Name = name }, MatchGrade.Exact, score, name);

    private static SelectionContext Context(IEnumerable<string> order, Dictionary<string, Dictionary<string, double>> states, int seed = 1) =>
        new(Job, order.Select(n => Candidate(n)).ToList(), new Random(seed),
            states.ToDictionary(s => s.Key, s => (IReadOnlyDictionary<string, double>)s.Value));

    private static readonly Dictionary<string, Dictionary<string, double>> ProbeStates = new()
    {
        ["a"] = new() { ["nodes_free"] = 0, ["cost"] = 3 },
        ["b"] = new() { ["nodes_free"] = 5, ["cost"] = 1 },
        ["c"] = new(),
    };

    private const string ProbeSteps = "- priority: 1\n  steps:\n  - filter: \"nodes_free > 0\"\n  - sort_ascending: cost\n  - select: first\n";

    [Theory]
    [InlineData("a", "b", "c")]
    [InlineData("b", "a", "c")]
    [InlineData("c", "b", "a")]
    public void Constraint_probe_selects_b_whatever_the_order_and_drops_c_for_a_missing_variable(string x, string y, string z)
    {
        var result = new ConstraintSelector(ConstraintOptions.Parse(ProbeSteps)).Select(Context([x, y, z], ProbeStates));
        Assert.Equal("b", result.Cluster);
        Assert.Equal("missing variable nodes_free", result.Dropped["c"]);
        Assert.Contains("is false", result.Dropped["a"]);
    }

    [Fact]
    public void F8_rainbow_selection_config_with_cluster_state_selects_keebler()
    {
        var options = new Dictionary<string, string> { ["priorities"] = RainbowFixtures.Read("scheduler/rainbow-selection-config.yaml") };
        var selector = Selectors.Create("constraint", options);
        var state = StateJson.Parse(RainbowFixtures.Read("scheduler/cluster-state.json"));
        var match = GardenMatcher.Match(Job, [RainbowFixtures.Keebler(io: false)]).Single();
        var result = selector.Select(new SelectionContext(Job, [match], new Random(3),
            new Dictionary<string, IReadOnlyDictionary<string, double>> { ["keebler"] = state }));
        Assert.Equal("keebler", result.Cluster);
    }

    [Fact]
    public void Calc_writes_a_variable_later_steps_sort_on()
    {
        const string steps = "- priority: 1\n  steps:\n  - calc: \"bill=cost * (10 - nodes_free)\"\n  - sort_descending: bill\n  - select: first\n";
        var states = new Dictionary<string, Dictionary<string, double>>
        {
            ["a"] = new() { ["nodes_free"] = 9, ["cost"] = 3 },  // bill 3
            ["b"] = new() { ["nodes_free"] = 5, ["cost"] = 1 },  // bill 5
        };
        Assert.Equal("b", new ConstraintSelector(ConstraintOptions.Parse(steps)).Select(Context(["a", "b"], states)).Cluster);
    }

    [Fact]
    public void A_later_priority_is_tried_when_the_first_leaves_nothing()
    {
        const string steps = "- priority: 2\n  steps:\n  - select: last\n- priority: 1\n  steps:\n  - filter: \"nodes_free > 100\"\n  - select: first\n";
        Assert.Equal("c", new ConstraintSelector(ConstraintOptions.Parse(steps)).Select(Context(["a", "b", "c"], ProbeStates)).Cluster);
    }

    [Fact]
    public void Random_selection_is_reproducible_with_a_seed_and_varies_with_it()
    {
        var names = Enumerable.Range(0, 20).Select(i => $"c{i:00}").ToList();
        string?[] Picks(int seed)
        {
            var random = new Random(seed);
            var ctx = new SelectionContext(Job, names.Select(n => Candidate(n)).ToList(), random);
            return Enumerable.Range(0, 10).Select(_ => new RandomSelector().Select(ctx).Cluster).ToArray();
        }
        Assert.Equal(Picks(7), Picks(7));
        Assert.NotEqual(Picks(7), Picks(8));
    }

    [Fact]
    public void First_fit_takes_the_callers_order_and_best_fit_the_score()
    {
        var ctx = new SelectionContext(Job, [Candidate("z", 0.6), Candidate("a", 0.9)], new Random(1));
        Assert.Equal("z", new FirstFitSelector().Select(ctx).Cluster);
        Assert.Equal("a", new BestFitSelector().Select(ctx).Cluster);
    }

    [Fact]
    public void Least_cost_multiplies_price_nodes_and_walltime_and_drops_unpriced_clusters()
    {
        var states = new Dictionary<string, Dictionary<string, double>>
        {
            ["a"] = new() { ["cost_per_node_hour"] = 3.0 },
            ["b"] = new() { ["cost_per_node_hour"] = 1.5 },
            ["c"] = new(),
        };
        var result = new LeastCostSelector().Select(Context(["a", "b", "c"], states));
        Assert.Equal("b", result.Cluster);
        Assert.Equal("missing variable cost_per_node_hour", result.Dropped["c"]);
    }

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("min(100, x - 100)", 50)]
    [InlineData("max(1, 2, x) / 50", 3)]
    [InlineData("x > 100 && !(x == 3) || false", 1)]
    [InlineData("-x % 7", -3)]
    public void Expressions_evaluate_with_precedence(string text, double expected) =>
        Assert.Equal(expected, Expr.Parse(text).Evaluate(new Dictionary<string, double> { ["x"] = 150 }));

    [Theory]
    [InlineData("1 +", "ends too early")]
    [InlineData("system(\"rm\")", "unexpected '\"'")]
    [InlineData("exec(1)", "unknown function 'exec'")]
    [InlineData("(1", "expected ')'")]
    public void Bad_expressions_are_clear_errors(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<GardenInputException>(() => Expr.Parse(text)).Message);

    [Fact]
    public void Unknown_algorithm_and_bad_steps_are_errors()
    {
        Assert.Contains("known:", Assert.Throws<GardenInputException>(() => Selectors.Create("fastest")).Message);
        Assert.Contains("select must be first, last or random",
            Assert.Throws<GardenInputException>(() => ConstraintOptions.Parse("- priority: 1\n  steps:\n  - select: best\n")).Message);
    }
}
