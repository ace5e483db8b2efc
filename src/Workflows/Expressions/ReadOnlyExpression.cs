using Acornima.Ast;

namespace CityOps.Workflows.Expressions;

/// <summary>
/// Decides whether a parsed script is a single read-only expression: literals, identifiers, member access
/// (optional chaining included), operators other than <c>delete</c>, conditionals, untagged templates, array and
/// object literals with plain properties, spreads and sequences. It calls nothing, assigns nothing, declares nothing
/// and creates no function, so it cannot change the realm's built-ins or globals (JSON-parsed globals carry no
/// getters and no user code can run); the only state it leaves behind is the globals the evaluator set itself.
/// Anything else (including constructs not listed) is not read-only.
/// </summary>
internal static class ReadOnlyExpression
{
    public static bool IsReadOnly(Script? script) =>
        script is { Body: [ExpressionStatement statement] } && IsAllowed(statement.Expression);

    private static bool IsAllowed(Node node)
    {
        var allowed = node switch
        {
            Identifier or Literal or MemberExpression or ChainExpression or ConditionalExpression or ParenthesizedExpression
                or SequenceExpression or ArrayExpression or ObjectExpression or SpreadElement or TemplateLiteral or TemplateElement => true,
            BinaryExpression => true,
            UpdateExpression => false,
            UnaryExpression unary => unary.Operator != Acornima.Operator.Delete,
            ObjectProperty property => property.Kind == PropertyKind.Init && !property.Method,
            _ => false,
        };
        if (!allowed)
        {
            return false;
        }

        foreach (var child in node.ChildNodes)
        {
            if (!IsAllowed(child))
            {
                return false;
            }
        }

        return true;
    }
}
