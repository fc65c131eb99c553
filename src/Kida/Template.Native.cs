using Kida.Runtime;
using Kida.Runtime.Output;

namespace Kida;

public sealed partial class Template
{
    /// <summary>
    /// Renders to a value instead of text, as Jinja2's <c>NativeEnvironment</c> does: a template that is a single
    /// <c>{{ expression }}</c> returns that value as it is (a list stays a list, a number a number); otherwise the
    /// output is parsed as a Python literal (<c>ast.literal_eval</c>) when it is one — <c>"{{ a }}{{ b }}"</c> with 1
    /// and 2 gives the integer 12 — and is the text when it is not. A template with no output returns null.
    /// </summary>
    /// <remarks>
    /// Values use the engine's representation: <c>long</c> (a <see cref="System.Numerics.BigInteger"/> beyond its
    /// range), <c>double</c>, <c>string</c>, <c>bool</c>, null for <c>None</c>, <c>List&lt;object?&gt;</c> for lists,
    /// <c>PyDict</c> for dicts and <c>PyTuple</c> for tuples; a single value from the model is returned unconverted.
    /// Literals with no engine type (sets, bytes, complex numbers) come back as their text. Leading spaces make the
    /// output text, as in Jinja2. Autoescape does not apply. Only the template's top-level <c>{{ }}</c> tags are native:
    /// macro calls, <c>{% set %}</c> blocks, filter blocks and <c>self.block()</c> give text, which is then parsed with
    /// the rest. Errors are the same as <see cref="Render(object?)"/>'s.
    /// </remarks>
    /// <example>
    /// <code>
    /// var t = env.FromString("{{ items | map(attribute='price') | list }}");
    /// var prices = (List&lt;object?&gt;)t.RenderNative(new { items })!;
    /// </code>
    /// </example>
    [System.Diagnostics.CodeAnalysis.RequiresUnreferencedCode(Runtime.Members.TrimNotes.ObjectModel)]
    public object? RenderNative(object? model = null) => RenderNativeOutput(model).Finish();

    /// <summary>
    /// <see cref="RenderNative(object?)"/> with a dictionary of variables (or none): reads no CLR type by reflection, so
    /// it is safe under trimming and Native AOT.
    /// </summary>
    public object? RenderNative(IReadOnlyDictionary<string, object?>? context) => RenderNativeOutput(context).Finish();

    /// <summary><see cref="RenderNative(object?)"/> with no variables (safe under trimming and Native AOT).</summary>
    public object? RenderNative() => RenderNativeOutput(null).Finish();

    /// <summary>Renders collecting the top-level values (shared by <see cref="RenderNative(object?)"/> and <see cref="TemplateExpression"/>).</summary>
    internal NativeOutput RenderNativeOutput(object? model)
    {
        var state = RenderThreadState.Current;
        var output = state.TakeBuffer(256);
        try
        {
            var ctx = state.TakeContext(Environment, model, output, CancellationToken.None);
            var previousPolicy = state.SwapPolicy(Environment.Options.MemberAccess);
            var native = new NativeOutput(output);
            ctx.Native = native;
            try
            {
                TemplateRendering.RenderChain(ctx, this);
                output.CheckLimit();
                native.TakeText();
                return native;
            }
            finally
            {
                ctx.Native = null;
                state.SwapPolicy(previousPolicy);
                state.GiveBack(ctx);
            }
        }
        finally
        {
            state.GiveBack(output);
        }
    }
}
