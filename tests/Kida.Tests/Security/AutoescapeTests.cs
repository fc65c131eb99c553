using System.Text;

namespace Kida.Tests.Security;

/// <summary>Issue #8: .html templates escape every payload by default; only |safe and Markup opt out.</summary>
public class AutoescapeTests
{
    public static TheoryData<string> Payloads() => new(XssPayloads.All);

    private static readonly TemplateEnvironment Env = new(TemplateEnvironmentOptions.Default with
    {
        Loader = new DictLoader(new Dictionary<string, string>
        {
            ["text.html"] = "<p>{{ p }}</p>",
            ["attr.html"] = "<a title=\"{{ p }}\" data-x='{{ p }}'>x</a>",
            ["url.html"] = "<a href=\"/search?q={{ p }}\">x</a><a href=\"{{ p }}\">y</a>",
            ["macro.html"] = "{% macro show(v) %}<b>{{ v }}</b>{% endmacro %}{{ show(p) }}{% set cap %}{{ p }}{% endset %}{{ cap }}",
            ["include.html"] = "{% include 'text.html' %}",
            ["filters.html"] = "{{ p|upper }}|{{ p|lower }}|{{ p|title }}|{{ p|trim }}|{{ p|replace('x', 'y') }}|{{ p|truncate(500) }}|" +
                "{{ p|center(3) }}|{{ p|indent(2) }}|{{ p|wordwrap(20) }}|{{ [p, p]|join(',') }}|{{ p ~ p }}|{{ '%s'|format(p) }}|" +
                "{{ '{}'.format(p) }}|{{ p|string }}|{{ p|default('d') }}|{{ p|first }}|{{ [p]|first }}|{{ p|reverse }}|" +
                "{{ p|striptags }}|{{ p|urlencode }}|{{ {'k': p}|dictsort }}|{{ [p] }}|{{ p|e|e }}|{{ p|forceescape }}",
            ["script.html"] = "<script>var data = {{ p|tojson }}; var o = {{ {'k': p}|tojson }};</script>",
            ["xmlattr.html"] = "<div{{ {'title': p, 'data-v': p}|xmlattr }}></div>",
            ["urlize.html"] = "<p>{{ p|urlize }}</p><p>{{ ('see ' ~ p ~ ' and http://ok.example/')|urlize }}</p>",
            ["page.txt"] = "{{ p }}",
        }),
    });

    /// <summary>
    /// What MarkupSafe makes of a string: the five special characters become entities. The engine also drops NUL
    /// characters, which browsers handle inconsistently.
    /// </summary>
    private static string Escaped(string s) => new StringBuilder(s).Replace("\0", "")
        .Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&#34;").Replace("'", "&#39;").ToString();

    private static string Render(string name, object? p) => Env.GetTemplate(name).Render(new Dictionary<string, object?> { ["p"] = p });

    /// <summary>The output with the template's own markup removed leaves only the payload's text, which must hold no markup.</summary>
    private static void AssertInert(string payloadOutput)
    {
        Assert.DoesNotContain("<", payloadOutput);
        Assert.DoesNotContain(">", payloadOutput);
        Assert.DoesNotContain("\"", payloadOutput);
        Assert.DoesNotContain("'", payloadOutput);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_in_text_is_escaped_exactly_like_markupsafe(string payload)
    {
        Assert.Equal($"<p>{Escaped(payload)}</p>", Render("text.html", payload));
        Assert.Equal($"<p>{Escaped(payload)}</p>", Render("include.html", payload));
        AssertInert(Escaped(payload));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_in_quoted_attributes_cannot_close_the_quotes(string payload)
    {
        var output = Render("attr.html", payload);

        Assert.Equal($"<a title=\"{Escaped(payload)}\" data-x='{Escaped(payload)}'>x</a>", output);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void A_payload_in_a_url_attribute_stays_inside_the_attribute(string payload)
    {
        // Escaping keeps the attribute closed; it does not make javascript: URLs safe (see docs/SECURITY.md).
        Assert.Equal($"<a href=\"/search?q={Escaped(payload)}\">x</a><a href=\"{Escaped(payload)}\">y</a>", Render("url.html", payload));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Macro_output_and_set_blocks_are_markup_holding_the_escaped_payload(string payload)
    {
        Assert.Equal($"<b>{Escaped(payload)}</b>{Escaped(payload)}", Render("macro.html", payload));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void String_filters_return_plain_strings_that_are_escaped_again_on_output(string payload)
    {
        var output = Render("filters.html", payload);

        foreach (var part in output.Split('|')) AssertInert(part);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Tojson_in_a_script_block_cannot_close_the_script_or_the_string(string payload)
    {
        var output = Render("script.html", payload);
        var inner = output["<script>".Length..^"</script>".Length];

        Assert.DoesNotContain("<", inner);
        Assert.DoesNotContain(">", inner);
        Assert.DoesNotContain("'", inner);
        Assert.DoesNotContain("&", inner);
        var json = inner["var data = ".Length..inner.IndexOf("; var o", StringComparison.Ordinal)];
        Assert.Equal(payload, System.Text.Json.JsonSerializer.Deserialize<string>(json));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Xmlattr_quotes_and_escapes_every_value(string payload)
    {
        Assert.Equal($"<div title=\"{Escaped(payload)}\" data-v=\"{Escaped(payload)}\"></div>", Render("xmlattr.html", payload));
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Urlize_only_adds_its_own_links_and_escapes_the_rest(string payload)
    {
        var output = Render("urlize.html", payload);
        // Remove the markup urlize itself writes; what is left must be inert.
        var text = System.Text.RegularExpressions.Regex.Replace(output, "<a href=\"[^\"<>]*\"( rel=\"[^\"<>]*\")?( target=\"[^\"<>]*\")?>|</a>|</?p>", "");

        AssertInert(text);
        Assert.DoesNotContain("<script", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"javascript:", output, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Only_safe_and_markup_let_a_payload_through_unescaped(string payload)
    {
        Assert.Equal($"<p>{payload}</p>", Env.FromString("<p>{{ p|safe }}</p>", "x.html").Render(new { p = payload }));
        Assert.Equal($"<p>{payload}</p>", Render("text.html", new Markup(payload)));
        // escape() leaves safe text alone (MarkupSafe); forceescape() is how to undo an opt-out.
        Assert.Equal($"<p>{payload}</p>", Env.FromString("<p>{{ p|safe|e }}</p>", "x.html").Render(new { p = payload }));
        Assert.Equal($"<p>{Escaped(payload)}</p>", Env.FromString("<p>{{ p|safe|forceescape }}</p>", "x.html").Render(new { p = payload }));
    }

    [Fact]
    public void Non_html_templates_do_not_escape_and_an_explicit_autoescape_false_block_is_the_other_opt_out()
    {
        var payload = XssPayloads.All[0];

        Assert.Equal(payload, Render("page.txt", payload));
        Assert.Equal(payload, Env.FromString("{% autoescape false %}{{ p }}{% endautoescape %}", "x.html").Render(new { p = payload }));
    }

    [Fact]
    public void There_are_at_least_fifty_payloads()
    {
        Assert.True(XssPayloads.All.Length >= 50);
        Assert.Equal(XssPayloads.All.Length, XssPayloads.All.Distinct().Count());
    }
}
