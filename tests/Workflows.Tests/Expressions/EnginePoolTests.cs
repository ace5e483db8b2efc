using System.Text.Json;
using CityOps.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Tests.Expressions;

/// <summary>
/// Engines are reused only after read-only expressions; nothing an evaluation defines is visible to the next one,
/// and every sandbox limit still applies per evaluation on a reused engine.
/// </summary>
public sealed class EnginePoolTests
{
    private static readonly Dictionary<string, string> NoGlobals = new(StringComparer.Ordinal);

    [Fact]
    public void Evaluate_ReadOnlyExpressions_ReuseOneEngine()
    {
        var js = Evaluator();

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(JsonValueKind.True, js.Evaluate("variables.amount > 1000 && input.kind === 'x'", "k", Globals()).ValueKind);
        }

        Assert.Equal(1, js.EnginesCreated);
    }

    [Theory]
    [InlineData("var leaked = 1; leaked")]
    [InlineData("globalThis.leaked = 1")]
    [InlineData("function leaked() { return 1; } leaked()")]
    [InlineData("Object.defineProperty(globalThis, 'leaked', { value: 1, configurable: true }); 1")]
    [InlineData("Object.prototype.leaked = 1; 1")]
    [InlineData("let leaked = 1; leaked")]
    public void Evaluate_AScriptThatSetsAGlobal_IsNotSeenByTheNextEvaluation(string script)
    {
        var js = Evaluator();
        js.Evaluate("input.kind", "warm", Globals());

        js.Evaluate(script, "writer", Globals());

        Assert.Equal("undefined", js.Evaluate("typeof leaked", "reader", Globals()).GetString());
        Assert.Equal("undefined", js.Evaluate("typeof input.leaked", "reader2", Globals()).GetString());
        Assert.Equal("undefined", js.Evaluate("typeof ({}).leaked", "reader3", Globals()).GetString());
    }

    [Fact]
    public void Evaluate_WriterScripts_NeverRunOnAPooledEngine()
    {
        var js = Evaluator();
        js.Evaluate("input.kind", "warm", Globals());
        var before = js.EnginesCreated;

        js.Evaluate("var x = 1; x", "writer", Globals());
        js.Evaluate("[1, 2].map(v => v * 2).length", "caller", Globals());

        Assert.Equal(before + 2, js.EnginesCreated);
    }

    [Fact]
    public void Evaluate_GlobalOfAnEarlierEvaluation_IsGoneNotJustUndefined()
    {
        var js = Evaluator();
        var withExt = new Dictionary<string, string>(Globals(), StringComparer.Ordinal) { ["ext"] = """{"ready":true}""" };
        Assert.Equal(JsonValueKind.True, js.Evaluate("ext.ready", "a", withExt).ValueKind);

        var error = Assert.Throws<ExpressionException>(() => js.Evaluate("ext", "b", Globals()));

        Assert.Contains("ext is not defined", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, js.EnginesCreated);
    }

    [Theory]
    [InlineData("while (true) {}", "statement limit")]
    [InlineData("function f(n) { return f(n + 1); } f(0)", "call depth limit")]
    [InlineData("var s = 'x'.repeat(20000000); s.length > 0", "byte memory limit")]
    public void Evaluate_AfterReuse_LimitsStillApply(string runaway, string limit)
    {
        var js = Evaluator();
        for (var i = 0; i < 5; i++)
        {
            js.Evaluate("input.kind + '-' + variables.amount", "warm", Globals());
        }

        var error = Assert.Throws<ExpressionException>(() => js.Evaluate(runaway, "runaway", Globals()));

        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
        Assert.Equal("x-1200", js.Evaluate("input.kind + '-' + variables.amount", "warm", Globals()).GetString());
    }

    [Fact]
    public void Evaluate_AfterReuse_TimeLimitStillApplies()
    {
        var js = Evaluator(new ExpressionOptions { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromMilliseconds(100) });
        js.Evaluate("input.kind", "warm", Globals());

        var error = Assert.Throws<ExpressionException>(() => js.Evaluate("while (true) {}", "runaway", Globals()));

        Assert.Contains("100 ms time limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ReusedEngine_CountsLimitsPerEvaluationNotInTotal()
    {
        // Tight limits a single read-only expression stays under, but 50 of them together would not.
        var js = Evaluator(new ExpressionOptions { MaxStatements = 2, MemoryLimitBytes = 400_000, Timeout = TimeSpan.FromMilliseconds(100) });
        var big = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = JsonSerializer.Serialize(new { s = new string('a', 50_000) }) };

        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(100_000, js.Evaluate("(input.s + input.s).length", "len", big).GetInt32());
            if (i == 25)
            {
                Thread.Sleep(150);
            }
        }

        Assert.Equal(1, js.EnginesCreated);
    }

    [Fact]
    public void Evaluate_ReadOnlyExpressionOverTheMemoryLimit_FailsOnAReusedEngine()
    {
        // A generous time limit: on a loaded machine the 100 ms default could fire before the memory limit under test.
        var js = Evaluator(new ExpressionOptions { MemoryLimitBytes = 400_000, Timeout = TimeSpan.FromSeconds(30) });
        var big = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = JsonSerializer.Serialize(new { s = new string('a', 50_000) }) };
        js.Evaluate("input.s.length", "warm", big);

        var error = Assert.Throws<ExpressionException>(() => js.Evaluate("[...input.s, ...input.s, ...input.s, ...input.s].length", "spread", big));

        Assert.Contains("byte memory limit", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, js.EnginesCreated);
    }

    [Fact]
    public void Evaluate_GlobalsOverTheMemoryLimitOnAReusedEngine_AnswerAsOnANewEngine()
    {
        // The script's limits start with the script on a new engine; parsing large globals must not count there.
        var options = new ExpressionOptions { MemoryLimitBytes = 400_000, Timeout = TimeSpan.FromSeconds(30) };
        var big = new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = JsonSerializer.Serialize(new { s = new string('a', 300_000), n = Enumerable.Range(0, 5000).ToArray() }) };
        var fresh = Evaluator(options);
        fresh.UsePool = false;
        var pooled = Evaluator(options);
        pooled.Evaluate("1", "warm", NoGlobals);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(fresh.Evaluate("input.s.length + input.n.length", "len", big).GetRawText(), pooled.Evaluate("input.s.length + input.n.length", "len", big).GetRawText());
        }
    }

    [Theory]
    [InlineData("input.kind", true)]
    [InlineData("variables.amount > 1000 ? 'big' : `small ${input.kind}`", true)]
    [InlineData("[...variables.list, { a: input?.kind, ...input }]", true)]
    [InlineData("!(typeof input.kind === 'string') || -variables.amount in input", true)]
    [InlineData("input.kind.toUpperCase()", false)]
    [InlineData("x = 1", false)]
    [InlineData("variables.amount++", false)]
    [InlineData("delete input.kind", false)]
    [InlineData("new Date()", false)]
    [InlineData("(() => 1)", false)]
    [InlineData("({ get a() { return 1; } })", false)]
    [InlineData("({ m() { return 1; } })", false)]
    [InlineData("String.raw`a`", false)]
    [InlineData("input.kind; input.kind", false)]
    public void IsReadOnly_ClassifiesScripts(string script, bool readOnly) =>
        Assert.Equal(readOnly, ReadOnlyExpression.IsReadOnly(Jint.Engine.PrepareScript(script, strict: true).Program));

    private static JavaScriptEvaluator Evaluator(ExpressionOptions? options = null) => new(Options.Create(options ?? new ExpressionOptions()));

    private static Dictionary<string, string> Globals() => new(StringComparer.Ordinal)
    {
        ["input"] = """{"kind":"x"}""",
        ["variables"] = """{"amount":1200,"list":[1]}""",
    };
}
