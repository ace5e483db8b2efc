using System.Text.Json;
using CityOps.Workflows.Expressions;
using Microsoft.Extensions.Options;

namespace CityOps.Workflows.Tests.Expressions;

/// <summary>The member-path fast path answers exactly what the Jint sandbox answers, or declines.</summary>
public sealed class MemberPathTests
{
    private const string Input = """
        {"key":"k-1","n":42,"neg":-7,"big":12345678901234567890,"frac":1.50,"exp":1e2,"zero":-0,"lead":0,
         "t":true,"f":false,"nil":null,"obj":{"a":{"b":"deep"},"s":"x"},"arr":[1,2],"esc":"a\"b","uni":"\u00e9",
         "raw":"é","dup":1,"dup":2,"default":"kw","__proto__":"own","$x":"d","_y":"u"}
        """;

    private const string Variables = """{"amount":1200,"name":"Li","nested":{"deeper":{"v":"ok"}},"list":["a"]}""";

    public static TheoryData<string> Scripts =>
    [
        "input.key", " input.key ; ", "input.n", "input.neg", "input.big", "input.frac", "input.exp", "input.zero",
        "input.lead", "input.t", "input.f", "input.nil", "input.obj", "input.obj.a.b", "input.obj.s", "input.obj.a",
        "input.arr", "input.arr.length", "input.key.length", "input.esc", "input.uni", "input.raw", "input.dup",
        "input.default", "input.__proto__", "input.$x", "input._y", "input.missing", "input.obj.missing",
        "input.toString", "input.constructor", "input.hasOwnProperty", "input.valueOf", "input.obj.__proto__",
        "variables.amount", "variables.name", "variables.nested.deeper.v", "variables.list", "variables.missing",
        "variables.toString", "variables.nested.missing",
    ];

    public static TheoryData<string> Throwing =>
    [
        "input.missing.x", "input.nil.x", "variables.missing.x", "input.obj.missing.deeper", "nothing.x",
    ];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void TryEvaluate_AnswersExactlyLikeJint_OrDeclines(string script)
    {
        var expected = Jint(script);

        var path = MemberPath.Parse(script);

        Assert.NotNull(path);
        if (MemberPath.TryEvaluate(path, Resolve, out var fast))
        {
            Assert.Equal(expected.ValueKind, fast.ValueKind);
            Assert.Equal(expected.GetRawText(), fast.GetRawText());
        }
    }

    [Theory]
    [InlineData("input.key", "\"k-1\"")]
    [InlineData("input.n", "42")]
    [InlineData("input.missing", "null")]
    [InlineData("input.nil", "null")]
    [InlineData("input.t", "true")]
    [InlineData("input.obj.a.b", "\"deep\"")]
    [InlineData("input.dup", "2")]
    [InlineData("variables.missing", "null")]
    [InlineData("variables.nested.deeper.v", "\"ok\"")]
    [InlineData("input.default", "\"kw\"")]
    public void TryEvaluate_CommonPaths_AreAnsweredWithoutJint(string script, string json)
    {
        Assert.True(MemberPath.TryEvaluate(MemberPath.Parse(script)!, Resolve, out var value));
        Assert.Equal(json, value.GetRawText());
        Assert.Equal(json, Jint(script).GetRawText());
    }

    [Theory]
    [MemberData(nameof(Throwing))]
    public void TryEvaluate_WhereJintThrows_Declines(string script)
    {
        Assert.Throws<ExpressionException>(() => Jint(script));

        Assert.False(MemberPath.TryEvaluate(MemberPath.Parse(script)!, Resolve, out _));
    }

    [Theory]
    [InlineData("input")]
    [InlineData("input.key + 1")]
    [InlineData("input['key']")]
    [InlineData("input.key()")]
    [InlineData("input..key")]
    [InlineData("input.1")]
    [InlineData("input?.key")]
    [InlineData("input.ké")]
    [InlineData("a = input.key")]
    public void Parse_AnythingButAPlainChain_IsNotAPath(string script) => Assert.Null(MemberPath.Parse(script));

    private static JsonElement Jint(string script)
    {
        var evaluator = new JavaScriptEvaluator(Options.Create(new ExpressionOptions()));
        return evaluator.Evaluate(script, "test", new Dictionary<string, string>(StringComparer.Ordinal) { ["input"] = Input, ["variables"] = Variables });
    }

    private static bool Resolve(string rootName, string member, out JsonElement value, out bool found)
    {
        value = default;
        found = false;
        var json = rootName switch { "input" => Input, "variables" => Variables, _ => null };
        if (json is null)
        {
            return false;
        }

        var root = JsonDocument.Parse(json).RootElement.Clone();
        found = root.TryGetProperty(member, out value);
        return true;
    }
}
