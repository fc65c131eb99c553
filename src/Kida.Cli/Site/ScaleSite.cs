using System.Globalization;
using System.Text;

namespace Kida.Cli.Site;

/// <summary>
/// A synthetic site whose cost per page does not grow with its size: pages live in sections of 100, and a page's
/// navigation lists only its own section (<c>site.sections</c>), so 50,000 pages cost 500 times what 100 do.
/// Half the pages are Markdown (page.html), half JSON documents (article.html); all use three-level inheritance,
/// includes and imported macros. Only the home page iterates every section.
/// </summary>
internal static class ScaleSite
{
    public const int SectionSize = 100;

    private static readonly string[] Words =
    [
        "template", "render", "worker", "parallel", "cache", "block", "macro", "filter", "loop", "layout",
        "section", "page", "markdown", "data", "shard", "build", "site", "index", "static", "engine",
    ];

    public static void Write(string root, int pages)
    {
        var inv = CultureInfo.InvariantCulture;
        Directory.CreateDirectory(root);
        WriteFile(root, "templates/base.html", Base);
        WriteFile(root, "templates/section.html", Section);
        WriteFile(root, "templates/page.html", PageTemplate);
        WriteFile(root, "templates/article.html", Article);
        WriteFile(root, "templates/home.html", Home);
        WriteFile(root, "templates/macros.html", Macros);
        WriteFile(root, "templates/partials/nav.html", Nav);
        WriteFile(root, "templates/partials/footer.html", Footer);
        WriteFile(root, "data/site.yaml", "title: Scale test\nauthor: Kida\nlinks:\n  - {title: Home, url: /index.html}\n  - {title: About, url: /s000/p00000.html}\n");
        WriteFile(root, "content/index.md", "---\ntitle: Home\ntemplate: home.html\n---\nA generated site for scale tests.\n");
        for (var i = 0; i < pages; i++)
        {
            var section = (i / SectionSize).ToString("000", inv);
            var name = $"content/s{section}/p{i.ToString("00000", inv)}";
            var words = Enumerable.Range(0, 6).Select(k => Words[(i * 7 + k * 3) % Words.Length]).ToArray();
            var title = string.Create(inv, $"{char.ToUpperInvariant(words[0][0])}{words[0][1..]} {words[1]} {i}");
            var tags = $"[{words[2]}, {words[3]}]";
            if (i % 2 == 0)
            {
                var body = new StringBuilder();
                body.Append(inv, $"---\ntitle: \"{title}\"\nweight: {i % 13}\ntags: {tags}\n---\n");
                body.Append(inv, $"# {title}\n\n");
                for (var p = 0; p < 3; p++)
                    body.Append(inv, $"The **{words[p]}** {words[p + 1]} of page {i} covers `{words[p + 2]}` and [a link](/s{section}/p{i.ToString("00000", inv)}.html).\n\n");
                body.Append(inv, $"- {words[3]}\n- {words[4]}\n- {words[5]}\n");
                WriteFile(root, name + ".md", body.ToString());
            }
            else
            {
                var items = string.Join(", ", Enumerable.Range(0, 5).Select(k => string.Create(inv, $"{{\"name\": \"{Words[(i + k) % Words.Length]}\", \"value\": {(i * 31 + k * 17) % 1000}}}")));
                WriteFile(root, name + ".json", string.Create(inv,
                    $"{{\n  \"template\": \"article.html\",\n  \"title\": \"{title}\",\n  \"summary\": \"{string.Join(' ', words)}\",\n  \"tags\": [\"{words[2]}\", \"{words[3]}\"],\n  \"items\": [{items}]\n}}\n"));
            }
        }
    }

    private static void WriteFile(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private const string Base = """
        <!doctype html>
        <html lang="en">
        <head><meta charset="utf-8"><title>{% block title %}{{ page.title }}{% endblock %} | {{ site.data.site.title }}</title></head>
        <body>
        {% include "partials/nav.html" %}
        <main>{% block main %}{% endblock %}</main>
        {% include "partials/footer.html" %}
        </body>
        </html>
        """;

    private const string Section = """
        {% extends "base.html" %}
        {% from "macros.html" import page_link %}
        {% block main %}
        <aside><h2>Section {{ page.section }}</h2><ul>
        {% for p in site.sections[page.section] %}<li>{{ page_link(p, p.url == page.url) }}</li>
        {% endfor %}</ul></aside>
        <article>{% block article %}{% endblock %}</article>
        {% endblock %}
        """;

    private const string PageTemplate = """
        {% extends "section.html" %}
        {% from "macros.html" import tag_list %}
        {% block article %}
        <h1>{{ page.title }}</h1>
        {{ tag_list(page.tags) }}
        {{ page.content }}
        <p>Weight {{ page.weight }}{% if page.weight is even %} (even){% endif %}</p>
        {% endblock %}
        """;

    private const string Article = """
        {% extends "section.html" %}
        {% from "macros.html" import tag_list %}
        {% block article %}
        <h1>{{ page.title | title }}</h1>
        <p>{{ page.summary | capitalize }}</p>
        {{ tag_list(page.tags) }}
        <table>{% for item in page["items"] | sort(attribute="value") %}
        <tr class="{{ loop.cycle('odd', 'even') }}"><td>{{ item.name }}</td><td>{{ "%05d" | format(item.value) }}</td></tr>{% endfor %}
        </table>
        <p>Total {{ page["items"] | sum(attribute="value") }}</p>
        {% endblock %}
        """;

    private const string Home = """
        {% extends "base.html" %}
        {% block main %}
        <h1>{{ site.data.site.title }}</h1>
        {{ page.content }}
        <ul>{% for name, pages in site.sections.items() %}{% if name %}
        <li><a href="{{ pages[0].url }}">Section {{ name }}</a> ({{ pages | length }} pages)</li>{% endif %}{% endfor %}
        </ul>
        {% endblock %}
        """;

    private const string Macros = """
        {% macro page_link(p, current=false) %}<a href="{{ p.url }}"{% if current %} aria-current="page"{% endif %}>{{ p.title }}</a>{% endmacro %}
        {% macro tag_list(tags) %}<ul class="tags">{% for t in tags %}<li>#{{ t }}</li>{% endfor %}</ul>{% endmacro %}
        """;

    private const string Nav = """
        <nav>{% for link in site.data.site.links %}<a href="{{ link.url }}">{{ link.title }}</a> {% endfor %}</nav>
        """;

    private const string Footer = """
        <footer>{{ site.data.site.author }} · {{ page.path }}</footer>
        """;
}
