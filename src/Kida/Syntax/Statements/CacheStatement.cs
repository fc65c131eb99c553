using Kida.Compilation;
using Kida.Diagnostics;
using Kida.Runtime;
using Kida.Runtime.Values;

namespace Kida.Syntax.Statements;

/// <summary>
/// Kida's <c>{% cache key [, ttl=…] [, depends=…] %}…{% end %}</c>: renders the body once and reuses the text while
/// it is fresh. Keys are shared by the whole environment. <c>ttl</c> is seconds or <c>"30s"</c>, <c>"5m"</c>,
/// <c>"2h"</c>, <c>"1d"</c>; <c>depends</c> is metadata for tools and is not evaluated.
/// </summary>
internal sealed class CacheStatement(Expression key, Expression? ttl, StatementList body, SourceSpan span) : Statement(span)
{
    internal Expression Key => key;
    internal Expression? Ttl => ttl;
    internal StatementList Body => body;

    internal override IEnumerable<Statement> ChildStatements => [body];

    public override void Render(RenderContext ctx)
    {
        var cache = ctx.Environment.FragmentCache;
        var k = PyFormat.Str(key.Eval(ctx));
        if (cache.TryGet(k, out var text))
        {
            ctx.Output.Write(text);
            return;
        }
        var lifetime = ttl is null ? (TimeSpan?)null : ParseTtl(ttl.Eval(ctx));
        var previous = ctx.BeginCapture();
        string rendered;
        try { body.Render(ctx); }
        finally { rendered = ctx.EndCapture(previous); }
        cache.Set(k, rendered, lifetime);
        ctx.Output.Write(rendered);
    }

    /// <summary>Seconds as a number, or text with an <c>s m h d</c> unit.</summary>
    internal static TimeSpan ParseTtl(object? value)
    {
        switch (value)
        {
            case null: throw new TemplateRuntimeException("cache ttl must be a number of seconds or a duration such as \"5m\"");
            case long l: return TimeSpan.FromSeconds(l);
            case double d: return TimeSpan.FromSeconds(d);
            case bool: break;
            default:
                var s = PyFormat.Str(value).Trim();
                if (s.Length == 0) break;
                var unit = s[^1];
                var number = char.IsAsciiLetter(unit) ? s[..^1] : s;
                if (!double.TryParse(number, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var n)) break;
                return unit switch
                {
                    's' => TimeSpan.FromSeconds(n),
                    'm' => TimeSpan.FromMinutes(n),
                    'h' => TimeSpan.FromHours(n),
                    'd' => TimeSpan.FromDays(n),
                    _ when char.IsAsciiDigit(unit) => TimeSpan.FromSeconds(n),
                    _ => throw new TemplateRuntimeException($"unknown cache ttl unit '{unit}' in \"{s}\" (use s, m, h or d)"),
                };
        }
        throw new TemplateRuntimeException($"invalid cache ttl {PyFormat.Repr(value)}");
    }

    internal override void Bind(Binder binder)
    {
        key.Bind(binder);
        ttl?.Bind(binder);
        body.Bind(binder);
    }
}
