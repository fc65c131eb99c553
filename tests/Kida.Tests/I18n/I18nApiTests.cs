using Kida.Runtime.Values;

namespace Kida.Tests.I18n;

/// <summary>
/// The i18n API around <c>{% trans %}</c>: translations installed as options, by <c>Install…</c> calls or as
/// context-aware globals (Jinja2's test_ext.py style), freezing, uninstalling, errors. Expectations from Jinja2 3.1.6
/// (the script in the comment of each case was run with <c>python3</c>).
/// </summary>
public class I18nApiTests
{
    private static readonly Dictionary<string, string> German = new()
    {
        ["missing"] = "fehlend",
        ["watch out"] = "pass auf",
        ["One user online"] = "Ein Benutzer online",
        ["%(user_count)s users online"] = "%(user_count)s Benutzer online",
        ["User: %(num)s"] = "Benutzer: %(num)s",
    };

    /// <summary>Jinja2's test gettext: <c>@pass_context</c>, the language from the LANGUAGE variable.</summary>
    private static readonly TemplateFunction ContextGettext = args =>
    {
        var s = PyFormat.Str(args.Positional[0]);
        return args.TryResolve("LANGUAGE", out var l) && l is "de" && German.TryGetValue(s, out var t) ? t : s;
    };

    private static readonly TemplateFunction ContextNgettext = args =>
    {
        var s = PyFormat.Str(args.Positional[PyOps.Eq(args.Positional[2], 1L) ? 0 : 1]);
        return args.TryResolve("LANGUAGE", out var l) && l is "de" && German.TryGetValue(s, out var t) ? t : s;
    };

    private static TemplateEnvironment ContextEnv(Dictionary<string, string> templates) =>
        new TemplateEnvironment(new DictLoader(templates))
            .AddGlobal("_", ContextGettext).AddGlobal("gettext", ContextGettext).AddGlobal("ngettext", ContextNgettext);

    [Fact]
    public void Context_aware_globals_translate_a_child_template_and_its_layout()
    {
        var env = ContextEnv(new()
        {
            ["master.html"] = "<title>{{ page_title|default(_(\"missing\")) }}</title>{% block body %}{% endblock %}",
            ["child.html"] = "{% extends \"master.html\" %}{% block body %}{% trans %}watch out{% endtrans %}{% endblock %}",
        });
        Assert.Equal("<title>fehlend</title>pass auf", env.GetTemplate("child.html").Render(new Dictionary<string, object?> { ["LANGUAGE"] = "de" }));
        Assert.Equal("<title>missing</title>watch out", env.GetTemplate("child.html").Render());
    }

    [Fact]
    public void A_call_as_the_count_is_evaluated_once()
    {
        var env = ContextEnv(new()
        {
            ["plural2.html"] = "{% trans user_count=get_user_count() %}{{ user_count }}s{% pluralize %}{{ user_count }}p{% endtrans %}",
        });
        var calls = 0;
        TemplateFunction count = _ => { calls++; return 1L; };
        Assert.Equal("1s", env.GetTemplate("plural2.html").Render(new Dictionary<string, object?> { ["LANGUAGE"] = "de", ["get_user_count"] = count }));
        Assert.Equal(1, calls);
    }

    [Fact]
    public void Newstyle_callables_escape_keyword_values_where_the_template_autoescapes()
    {
        var env = new TemplateEnvironment().InstallGettextCallables(_ => "<strong>Wert: %(name)s</strong>", (s, _, _) => s, newstyle: true);
        Assert.True(env.NewstyleGettext);
        var t = env.FromString("{% autoescape ae %}{{ gettext(\"foo\", name=\"<test>\") }}{% endautoescape %}");
        Assert.Equal("<strong>Wert: &lt;test&gt;</strong>", t.Render(new { ae = true }));
        Assert.Equal("<strong>Wert: <test></strong>", t.Render(new { ae = false }));
    }

    [Fact]
    public void Callables_without_context_forms_leave_pgettext_none()
    {
        var env = new TemplateEnvironment().InstallGettextCallables(s => s, (s, _, _) => s);
        Assert.Null(env.Globals["pgettext"]);
        // Jinja2: TypeError 'NoneType' object is not callable
        Assert.Throws<TemplateRuntimeException>(() => env.RenderString("{% trans \"c\" %}x{% endtrans %}"));
    }

    [Fact]
    public void Uninstalled_translations_make_trans_undefined()
    {
        var env = new TemplateEnvironment().InstallNullTranslations().UninstallTranslations();
        Assert.False(env.Globals.ContainsKey("gettext"));
        // Jinja2: UndefinedError 'gettext' is undefined
        var e = Assert.Throws<UndefinedVariableException>(() => env.RenderString("{% trans %}x{% endtrans %}"));
        Assert.Contains("gettext", e.Message);
    }

    [Fact]
    public void The_gettext_name_resolves_where_the_tag_renders()
    {
        TemplateFunction upper = a => PyFormat.Str(a.Positional[0]).ToUpperInvariant();
        TemplateFunction bang = a => PyFormat.Str(a.Positional[0]) + "!";
        var env = new TemplateEnvironment();
        Assert.Equal("ABC", env.RenderString("{% set gettext = up %}{% trans %}abc{% endtrans %}", new Dictionary<string, object?> { ["up"] = upper }));
        Assert.Equal("x!", env.RenderString("{% trans %}x{% endtrans %}", new Dictionary<string, object?> { ["gettext"] = bang }));
    }

    [Fact]
    public void Installing_after_the_first_compile_is_refused()
    {
        var env = new TemplateEnvironment();
        env.FromString("x");
        Assert.Throws<InvalidOperationException>(() => env.InstallNullTranslations());
        Assert.Throws<InvalidOperationException>(() => env.InstallTranslations(NullTranslations.Instance));
        Assert.Throws<InvalidOperationException>(() => env.UninstallTranslations());
    }

    [Fact]
    public void Options_install_a_catalog_and_user_globals_still_win()
    {
        var catalog = GettextCatalog.ParsePo("msgid \"\"\nmsgstr \"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\nmsgid \"Hi\"\nmsgstr \"Hallo\"\n");
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions
        {
            Translations = catalog,
            Globals = new Dictionary<string, object?> { ["ngettext"] = (TemplateFunction)(_ => "mine") },
        });
        Assert.Equal("Hallo|Hallo|mine", env.RenderString("{% trans %}Hi{% endtrans %}|{{ _('Hi') }}|{{ ngettext('a', 'b', 1) }}"));
    }

    [Fact]
    public void Syntax_errors_carry_the_line_of_the_offending_tag()
    {
        var env = new TemplateEnvironment();
        // Jinja2: "pluralize without variables" on line 2; "control structures ... saw `if`" on line 2.
        var e = Assert.Throws<TemplateSyntaxException>(() => env.FromString("a\n  {% trans %}x{% pluralize %}y{% endtrans %}", "p.html"));
        Assert.Equal("pluralize without variables", e.Reason);
        Assert.Equal(2, e.Line);
        Assert.Equal("p.html", e.TemplateName);
        e = Assert.Throws<TemplateSyntaxException>(() => env.FromString("a\n{% trans %}x{% if %}{% endtrans %}"));
        Assert.Equal(2, e.Line);
        Assert.Contains("saw `if`", e.Reason);
    }

    [Fact]
    public void Trimmed_whitespace_follows_jinja2()
    {
        Assert.Equal("hello world", Kida.Parsing.Parser.TrimTransWhitespace("  hello\n  world  "));
        Assert.Equal("a  b c", Kida.Parsing.Parser.TrimTransWhitespace("a  b\n\t\n c\n"));
    }
}

/// <summary>Jinja2's newstyle test environment: context-aware callables installed with newstyle=True.</summary>
public class NewstyleContextCallablesTests
{
    private static readonly Dictionary<string, string> German = new()
    {
        ["watch out"] = "pass auf",
        ["User: %(num)s"] = "Benutzer: %(num)s",
        ["User: %(count)s"] = "Benutzer: %(count)s",
        ["%(num)s apple"] = "%(num)s Apfel",
        ["%(num)s apples"] = "%(num)s Äpfel",
    };

    private static string Tr(CallArguments a, object? s) =>
        a.TryResolve("LANGUAGE", out var l) && l is "de" && German.TryGetValue(PyFormat.Str(s), out var t) ? t : PyFormat.Str(s);

    private static TemplateEnvironment Env() => new TemplateEnvironment(new DictLoader(new Dictionary<string, string>
    {
        ["ngettext.html"] = "{{ ngettext(\"%(num)s apple\", \"%(num)s apples\", apples) }}",
        ["ngettext_long.html"] = "{% trans num=apples %}{{ num }} apple{% pluralize %}{{ num }} apples{% endtrans %}",
        ["transvars2.html"] = "{% trans num=count %}User: {{ num }}{% endtrans %}",
        ["transvars3.html"] = "{% trans count=num %}User: {{ count }}{% endtrans %}",
        ["stringformat.html"] = "{{ _(\"User: %(num)s\", num=user_count) }}",
        ["novars.html"] = "{% trans %}%(hello)s{% endtrans %}",
    })).InstallGettextCallables(
        (TemplateFunction)(a => Tr(a, a.Positional[0])),
        (TemplateFunction)(a => Tr(a, a.Positional[PyOps.Eq(a.Positional[2], 1L) ? 0 : 1])),
        newstyle: true);

    private static Dictionary<string, object?> De(string key, object? value) => new() { ["LANGUAGE"] = "de", [key] = value };

    // Expectations from Jinja2 3.1.6's tests/test_ext.py (TestNewstyleInternationalization).
    [Fact]
    public void Renders_the_jinja2_newstyle_cases()
    {
        var env = Env();
        Assert.Equal("1 Apfel", env.GetTemplate("ngettext.html").Render(De("apples", 1L)));
        Assert.Equal("5 Äpfel", env.GetTemplate("ngettext.html").Render(De("apples", 5L)));
        Assert.Equal("5 Äpfel", env.GetTemplate("ngettext_long.html").Render(De("apples", 5L)));
        Assert.Equal("Benutzer: 23", env.GetTemplate("transvars2.html").Render(De("count", 23L)));
        Assert.Equal("Benutzer: 42", env.GetTemplate("transvars3.html").Render(De("num", 42L)));
        Assert.Equal("Benutzer: 5", env.GetTemplate("stringformat.html").Render(De("user_count", 5L)));
        Assert.Equal("%(hello)s", env.GetTemplate("novars.html").Render());
        Assert.Equal("2 items", env.RenderString("{% trans foo=42, count=2 %}{{ count }} item{% pluralize count %}{{ count }} items{% end %}"));
    }
}

/// <summary>Undefined values inside trans (Jinja2 3.1.6: strict raises UndefinedError, lenient prints nothing).</summary>
public class TransUndefinedTests
{
    [Fact]
    public void Strict_undefined_raises_and_lenient_prints_empty()
    {
        var strict = new TemplateEnvironment(new TemplateEnvironmentOptions { StrictUndefined = true });
        Assert.Throws<UndefinedVariableException>(() => strict.RenderString("{% trans %}Hi {{ name }}{% endtrans %}"));
        Assert.Throws<UndefinedVariableException>(() => strict.RenderString("{% trans count=n %}{{ count }}x{% pluralize %}{{ count }}xs{% endtrans %}"));
        var lenient = new TemplateEnvironment();
        Assert.Equal("xs", lenient.RenderString("{% trans count=n %}{{ count }}x{% pluralize %}{{ count }}xs{% endtrans %}"));
        // Jinja2: TypeError, gettext() takes one message.
        Assert.Throws<TemplateRuntimeException>(() => lenient.RenderString("{{ _('a', 'b') }}"));
    }
}

/// <summary>install_gettext_callables with only one of the context forms.</summary>
public class PartialContextCallablesTests
{
    [Fact]
    public void A_given_pgettext_is_installed_when_npgettext_is_not()
    {
        var env = new TemplateEnvironment().InstallGettextCallables(s => s, (s, p, n) => n == 1 ? s : p, pgettext: (c, s) => c + ":" + s);
        Assert.Null(env.Globals["npgettext"]);
        Assert.Equal("menu:Open", env.RenderString("{% trans 'menu' %}Open{% endtrans %}"));
    }
}

public class I18nSharedTablesTests
{
    [Fact]
    public void A_default_environment_shares_the_builtin_globals_null_translations_included()
    {
        // Copying the builtin table per environment made every new environment (and every cold compile) pay for it.
        var env = new TemplateEnvironment();
        Assert.Same(Kida.Runtime.BuiltinTables.For(TemplateDialect.Jinja2).Globals, env.Globals);
        Assert.Equal("Hello", env.FromString("{{ _('Hello') }}").Render());
        Assert.Equal("%(num)d apples", env.FromString("{{ ngettext('%(num)d apple', '%(num)d apples', 2) }}").Render()); // old style: not formatted (Jinja2 3.1.6)
    }

    [Fact]
    public void Installed_translations_get_their_own_table()
    {
        var env = new TemplateEnvironment(TemplateEnvironmentOptions.Default with { NewstyleGettext = true });
        Assert.NotSame(Kida.Runtime.BuiltinTables.For(TemplateDialect.Jinja2).Globals, env.Globals);
        Assert.Equal("Hi Ann", env.FromString("{{ _('Hi %(n)s', n='Ann') }}").Render());
    }
}
