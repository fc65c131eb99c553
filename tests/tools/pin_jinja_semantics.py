#!/usr/bin/env python3
"""Regenerates tests/Kida.Tests/Engine/JinjaSemanticsTests.cs: renders each case with Jinja2 3.1.6 and pins the output."""
import json, pathlib
import jinja2

TEMPLATES = {
    'base': '<h1>{% block title %}B{% endblock %}</h1><footer>{{ self.title() }}</footer>',
    'child': "{% extends 'base' %}{% block title %}Report{% endblock %}",
    'list': '{% for item in items %}{% block item scoped %}{{ item }}{% endblock %}{% endfor %}',
    'scoped-child': '{% extends "list" %}{% block item %}<{{ item|upper }}>{% endblock %}',
    'inc': '[{{ x }}:{{ loop is defined }}]',
    'inc-loop': '{% for x in [1,2] %}{% include "inc" %}{% endfor %}',
    # An include inside a layout: the partial's blocks and variables are its own, the page's stay the page's.
    'layout': "[{% block b %}base{% endblock %}|{% include 'part' %}|{{ x }}]",
    'page': "{% extends 'layout' %}{% set x = 'page-x' %}{% block b %}page{% endblock %}",
    'part': "{% set x = 'part-x' %}{% block b %}part:{{ x }}{% endblock %}",
    # Includes in a loop see the includer's variables and loop variable; their assignments do not leak.
    'show': "({{ i }}{{ y }}{% set y = 'inner' %}{{ y }})",
    'show-loop': "{% set y = 'top' %}{% for i in [1,2] %}{% include 'show' %}{% endfor %}{{ y }}",
}
CASES = [
    ("{{ [10, 20][1] }}|{{ (1, 2)[0] + 1 }}|{{ 'abc'[1] }}|{{ 'abc'[-1] }}", {}),
    ("{{ 99999999999999999999 + 1 }}|{{ 2 ** 70 }}|{{ 9223372036854775807 + 1 }}", {}),
    ("{% if false %}{{ x|nope }}{% endif %}ok{{ y|nope if false else 1 }}", {}),
    ("{% set total = 0 %}{% for x in [1,2,3] %}{% set total = total + x %}[{{ total }}]{% endfor %}{{ total }}", {}),
    ("{% for i in [1,2] %}{% if i == 1 %}{% set x = 'a' %}{% endif %}[{{ x }}]{% endfor %}", {}),
    ("{% set x = 5 %}{% for i in [1,2] %}[{{ x }}]{% set x = i %}[{{ x }}]{% endfor %}{{ x }}", {}),
    ("{% macro m() %}{{ x }}{% endmacro %}{% set x = 1 %}{{ m() }}", {}),
    ("{% for i in [1,2] %}{% macro m() %}{{ i }}{% endmacro %}{{ m() }}{% endfor %}", {}),
    ("{% if true %}{% set y = 3 %}{% endif %}{{ y }}", {}),
    ("{% for a in [1] %}{% for b in [2] %}{{ loop.index }}{{ a }}{% endfor %}{% endfor %}", {}),
    ("{% for x in [3,1,2] if x > 1 %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% else %}none{% endfor %}", {}),
    ("{% for x in [] %}{{ x }}{% else %}empty{% endfor %}", {}),
    ("{% for x in [1,2,3,4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", {}),
    ("{% for x in tree recursive %}<{{ x.n }}{% if x.c %}:{{ loop(x.c) }}{% endif %}@{{ loop.depth }}>{% endfor %}",
     {"tree": [{"n": "a", "c": [{"n": "b", "c": []}]}, {"n": "c", "c": []}]}),
    ("{% for x in 'ab' %}{{ loop.cycle('o', 'e') }}{{ loop.changed(x) }}{{ loop.previtem }}|{% endfor %}", {}),
    ("{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]", {}),
    ("{% set a, b = 1, 2 %}{{ b }}{{ a }}", {}),
    ("{% set s %}<b>{{ 1 + 1 }}</b>{% endset %}{{ s }}", {}),
    ("{% macro card(t, n=2) %}{{ t }}-{{ n }}-{{ varargs }}-{{ kwargs }}{% endmacro %}{{ card('a', 3, 4, k=5) }}", {}),
    ("{% macro w() %}<{{ caller('x') }}>{% endmacro %}{% call(v) w() %}in {{ v }}{% endcall %}", {}),
    ("{% filter upper %}abc {{ 'd' }}{% endfilter %}", {}),
    ("{{ 1 if true }}|{{ 1 if false }}|{{ none }}|{{ true }}|{{ 1.0 }}|{{ 1e16 }}|{{ 0.1 + 0.2 }}|{{ 1/3 }}|{{ -0.0 }}", {}),
    ("{{ 7 // 2 }} {{ -7 // 2 }} {{ -7 % 3 }} {{ 7 % -3 }} {{ 2 ** 3 ** 2 }} {{ -2 ** 2 }} {{ 10 / 4 }}", {}),
    ("{{ 1 < 2 < 3 }} {{ 1 == 1.0 }} {{ 'a' in 'cat' }} {{ 2 not in [1] }} {{ not 0 }}", {}),
    ("{{ 'a' ~ 1 ~ none }}|{{ [1] + [2] }}|{{ 'ab' * 2 }}", {}),
    ("{{ {'a': 1, 'b': [1, 'x', none, true]} }}|{{ (1,) }}|{{ () }}", {}),
    ("{{ x.y is defined }}|{{ x is defined }}|{{ x|default('d') }}", {"x": {"y": None}}),
    ("{%- for x in [1, 2] -%}\n  {{ x }}\n{%- endfor %}", {}),
    ("{% raw %}{{ not parsed }}{% endraw %}{# comment #}done", {}),
    ("{{ 1e3 }} {{ 1_000 }} {{ 'a\\tb' }} {{ \"it's\" }}", {}),
    ("{{ x[1:] }} {{ x[::-1] }} {{ x[:-1] }} {{ 'hello'[1:3] }}", {"x": [1, 2, 3]}),
    ("{% set d = {'b': 1, 'a': 2} %}{% for k in d %}{{ k }}{% endfor %} {{ d['a'] }} {{ d.b }}", {}),
    ("{% for k, v in [('a', 1), ('b', 2)] %}{{ k }}{{ v }}{% endfor %}", {}),
]
OUT = pathlib.Path(__file__).resolve().parent.parent / 'Kida.Tests' / 'Engine' / 'JinjaSemanticsTests.cs'

def main():
    env = jinja2.Environment(loader=jinja2.DictLoader(TEMPLATES), extensions=['jinja2.ext.loopcontrols'])
    rows = [(t, ctx, env.from_string(t).render(**ctx)) for t, ctx in CASES]
    for name in ['child', 'scoped-child', 'inc-loop', 'page', 'show-loop']:
        rows.append(('@' + name, {"items": ["a", "b"]}, env.get_template(name).render(items=["a", "b"])))
    q = json.dumps
    data = "\n".join(f"    [InlineData({q(t)}, {q(json.dumps(ctx))}, {q(exp)})]" for t, ctx, exp in rows)
    templates = "\n".join(f"        [{q(k)}] = {q(v)}," for k, v in TEMPLATES.items())
    OUT.write_text(TEMPLATE.replace("%TEMPLATES%", templates).replace("%DATA%", data), encoding="utf-8")

TEMPLATE = '''// Generated by tests/tools/pin_jinja_semantics.py from Jinja2 3.1.6; edit the script, not this file.
using System.Text.Json;
using Kida.Runtime.Values;

namespace Kida.Tests.Engine;

/// <summary>
/// The engine's own semantics (scoping, loops, macros, inheritance, operators, printing), each expectation rendered
/// by Jinja2 3.1.6. A template starting with @ names one of the named templates.
/// </summary>
public class JinjaSemanticsTests
{
    private static readonly Dictionary<string, string> Templates = new()
    {
%TEMPLATES%
    };

    [Theory]
%DATA%
    public void Renders_like_Jinja2(string template, string contextJson, string expected)
    {
        var env = new TemplateEnvironment(new TemplateEnvironmentOptions { Loader = new DictLoader(Templates) });
        var context = (PyDict)ClrInterop.FromJson(JsonDocument.Parse(contextJson).RootElement)!;
        var compiled = template.StartsWith('@') ? env.GetTemplate(template[1..]) : env.FromString(template);
        Assert.Equal(expected, compiled.Render(context));
    }
}
'''

if __name__ == "__main__":
    main()
