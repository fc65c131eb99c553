using Kida.Runtime.Values;

namespace Kida.ChatTemplates;

/// <summary>
/// The template environment transformers compiles chat templates in (<c>_compile_jinja_template</c>): a sandbox,
/// <c>trim_blocks</c> and <c>lstrip_blocks</c>, loop controls, no autoescaping, lenient undefined values, the
/// <c>{% generation %}</c> tag, the globals <c>raise_exception</c> and <c>strftime_now</c>, and transformers' own
/// <c>tojson</c>. One shared, frozen environment; templates compile once per <see cref="ChatTemplate"/>.
/// </summary>
internal static class ChatEnvironment
{
    /// <summary>The span tag that marks assistant-generated text (transformers' <c>AssistantTracker</c>).</summary>
    public const string GenerationTag = "generation";

    // One strftime_now per clock (a test's fake, the system's), made once and kept while the clock lives.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TimeProvider, StrftimeNow> Clocks = new();

    public static TemplateEnvironment Instance { get; } = Create();

    private static TemplateEnvironment Create()
    {
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with
        {
            TrimBlocks = true,
            LstripBlocks = true,
            Autoescape = AutoescapePolicy.Never,
            UndefinedBehavior = UndefinedBehavior.Default,
            SpanTags = [GenerationTag],
            ImmutableSandbox = true,
        });
        env.AddFilter("tojson", PythonJson.Filter);
        env.AddGlobal("raise_exception", (TemplateFunction)RaiseException);
        var systemClock = StrftimeFor(TimeProvider.System);
        env.AddGlobal("strftime_now", (TemplateFunction)systemClock.Call);
        return env;
    }

    /// <summary>
    /// The <c>strftime_now(format)</c> of <paramref name="clock"/>: <see cref="ChatTemplate"/> passes it with each
    /// conversation's variables, where it shadows the global as a render argument does in Jinja2 (a variable the caller
    /// names <c>strftime_now</c> still wins, as a keyword argument of <c>apply_chat_template</c> does).
    /// </summary>
    public static IPyCallable StrftimeFor(TimeProvider clock) => Clocks.GetValue(clock, static c => new StrftimeNow(c));

    private static object? RaiseException(CallArguments args)
    {
        var message = args.Get(0, "message");
        throw new TemplateRaisedError(message switch
        {
            null => "None",
            string s => s,
            Markup m => m.ToString(),
            _ => Convert.ToString(message, System.Globalization.CultureInfo.InvariantCulture) ?? "",
        });
    }

    private sealed class StrftimeNow(TimeProvider clock) : IPyCallable
    {
        public object? Call(CallArguments args)
        {
            var format = args.Get(0, "format") switch
            {
                string s => s,
                Markup m => m.ToString(),
                Undefined or null => throw new TemplateRuntimeException("strftime_now() missing 1 required positional argument: 'format'"),
                var other => throw new TemplateRuntimeException($"strftime_now() argument must be str, not {other.GetType().Name}"),
            };
            return PythonStrftime.Format(clock.GetLocalNow().DateTime, format);
        }
    }
}

/// <summary>What <c>raise_exception(message)</c> throws inside the engine; <see cref="ChatTemplate"/> turns it into <see cref="ChatTemplateRaisedException"/>.</summary>
internal sealed class TemplateRaisedError(string message) : TemplateRuntimeException(message)
{
    public string RaisedMessage { get; } = message;
}
