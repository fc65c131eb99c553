#!/usr/bin/env python3
"""Regenerates tests/Kida.Tests/Conformance/cases/environment.json: templates rendered by Jinja2 3.1.6 under
non-default Environment settings (delimiters, line statements/comments, newline_sequence, trim/lstrip,
keep_trailing_newline) and the numeric literal forms of Jinja2's lexer. Edit this script, not the JSON."""
import json, pathlib
import jinja2

OUT = pathlib.Path(__file__).resolve().parent.parent / 'Kida.Tests' / 'Conformance' / 'cases' / 'environment.json'

ASP = dict(block_start_string='<%', block_end_string='%>', variable_start_string='<%=', variable_end_string='%>',
           comment_start_string='<%#', comment_end_string='%>')
LATEX = dict(block_start_string='\\BLOCK{', block_end_string='}', variable_start_string='\\VAR{', variable_end_string='}',
             comment_start_string='\\#{', comment_end_string='}')
BRACKETS = dict(block_start_string='[%', block_end_string='%]', variable_start_string='[[', variable_end_string=']]',
                comment_start_string='[#', comment_end_string='#]')
REGEXY = dict(block_start_string='(*', block_end_string='*)', variable_start_string='$(', variable_end_string=')$',
              comment_start_string='.?', comment_end_string='?.')
DOLLAR = dict(variable_start_string='${', variable_end_string='}')
LS = dict(line_statement_prefix='#')
LC = dict(line_comment_prefix='##')
LSC = dict(line_statement_prefix='#', line_comment_prefix='##')
PCT = dict(line_statement_prefix='%', line_comment_prefix='%%')

CTX = {"xs": [1, 2], "seq": ["a", "b"], "name": "World", "d": {"k": "v"}, "nl": "x\ny"}

CASES = [
    # --- delimiters
    ("delim/asp", "<% for x in xs %><%= x %><%# c %><% endfor %>", ASP),
    ("delim/asp-ws", "<ul>\n<%- for x in xs %>\n  <li><%= x -%> </li>\n<%- endfor %>\n</ul>", ASP),
    ("delim/latex", "\\BLOCK{for x in xs}\\VAR{x}\\#{c}\\BLOCK{endfor}", LATEX),
    ("delim/latex-dict", "\\VAR{ {'a': 1}['a'] } \\VAR{d.k}", LATEX),
    ("delim/latex-braces-text", "\\section{\\VAR{name}} {{ not a tag }} {% nor this %}", LATEX),
    ("delim/brackets", "[% for x in xs %][[ x ]][# c #][% endfor %] {{ x }}", BRACKETS),
    ("delim/brackets-index", "[[ xs[0] ]]|[[ [1, 2][1] ]]|[[ seq[-1] ]]", BRACKETS),
    ("delim/regex-special", "(* for x in xs *)$( x )$.? c ?.(* endfor *)", REGEXY),
    ("delim/dollar-var", "${ name } {{ name }} {% if true %}y{% endif %}", DOLLAR),
    ("delim/dollar-dict", "${ {'a': 'b'}['a'] }|${ d }", DOLLAR),
    ("delim/asp-strip-plus", "a  \n  <%+ if true %>b<% endif +%>\nc", dict(ASP, lstrip_blocks=True, trim_blocks=True)),
    ("delim/asp-trim-lstrip", "<ul>\n  <% for x in xs %>\n  <li><%= x %></li>\n  <% endfor %>\n</ul>", dict(ASP, lstrip_blocks=True, trim_blocks=True)),
    ("delim/asp-comment-strip", "a  <%#- c -%>  b", ASP),
    ("delim/asp-comment-trim", "a\n<%# c %>\nb", dict(ASP, trim_blocks=True)),
    ("delim/asp-raw", "<% raw %><%= x %><% endraw %>|<%- raw -%>  <% x %>  <%- endraw -%>  |", ASP),
    ("delim/latex-raw", "\\BLOCK{raw}\\VAR{x}\\BLOCK{endraw}", LATEX),
    ("delim/raw-trim", "<% raw %>\n  x\n  <% endraw %>\ny", dict(ASP, trim_blocks=True, lstrip_blocks=True)),
    ("delim/default-ignored", "{% for x in xs %}{{ x }}{% endfor %}", ASP),
    ("delim/unclosed-var", "<%= x ", ASP),
    ("delim/unclosed-comment", "<%# x ", ASP),
    ("delim/unclosed-raw", "<% raw %>x", ASP),
    ("delim/prefix-of-other", "{ x }|{{ name }}|{%if true%}t{%endif%}", dict(variable_start_string='{{', variable_end_string='}}', block_start_string='{%', comment_start_string='{')),
    ("delim/block-equals-comment", "a{% if x %}b{% endif %}c", dict(comment_start_string='{%', comment_end_string='%}')),
    ("delim/same-end", "<< x >>|<<= name >>|<<# c >>", dict(block_start_string='<<', block_end_string='>>', variable_start_string='<<=', variable_end_string='>>', comment_start_string='<<#', comment_end_string='>>')),
    ("delim/var-strip", "a  [[- name -]]  b", BRACKETS),
    ("delim/multi-line", "[%\nfor x\nin xs\n%][[\nx\n]][% endfor %]", BRACKETS),
    ("delim/error-same-start", "x", dict(block_start_string='{{')),
    ("delim/error-var-comment", "x", dict(comment_start_string='{{')),
    ("delim/error-newline", "x", dict(newline_sequence='\t')),
    # --- line statements
    ("line/for", "a\n# for x in xs\n  {{ x }}\n# endfor\nb", LS),
    ("line/colon", "# for x in xs:\n{{ x }}\n# endfor\n", LS),
    ("line/if-else-colon", "# if false:\nno\n# elif true:\nyes\n# else:\nelse\n# endif", LS),
    ("line/indented", "<ul>\n    # for x in xs\n    <li>{{ x }}</li>\n    # endfor\n</ul>", LS),
    ("line/blank-lines-eaten", "# for x in xs\n\n\n{{ x }}\n# endfor\n\n\nend", LS),
    ("line/mid-line", "x # if true\ny", LS),
    ("line/brackets-span-lines", "# for x in [1,\n   2]\n{{ x }}\n# endfor", LS),
    ("line/strip-minus", "a\n#- if true\nb\n# endif", LS),
    ("line/plus", "a\n#+ if true\nb\n# endif", LS),
    ("line/eof", "# set x = 3\n{{ x }}\n# if true\nend\n# endif", LS),
    ("line/no-newline-at-end", "{% set y = 1 %}# set x = 2", LS),
    ("line/set-block", "# set s\nin set\n# endset\n[{{ s }}]", LS),
    ("line/macro", "# macro m(a):\n<{{ a }}>\n# endmacro\n{{ m(1) }}", LS),
    ("line/mixed-tags", "# for x in xs\n{% if x > 1 %}big{% endif %}{{ x }}\n# endfor", LS),
    ("line/in-raw", "{% raw %}\n# if\n{% endraw %}", LS),
    ("line/trim-lstrip", "  # for x in xs\n  {% if true %}\n  {{ x }}\n  {% endif %}\n  # endfor\n", dict(LS, trim_blocks=True, lstrip_blocks=True)),
    ("line/tab-vtab", "\t\v# if true\nok\n# endif", LS),
    ("line/prefix-long", "a\n%% for x in xs\n{{ x }}\n%% endfor\n", dict(line_statement_prefix='%%')),
    ("line/prefix-regex-chars", "a\n.* for x in xs\n{{ x }}\n.* endfor\n", dict(line_statement_prefix='.*')),
    ("line/unclosed-bracket", "# for x in [1,\n{{ x }}", LS),
    ("line/error-unknown", "# frob\n", LS),
    ("line/with-asp", "% for x in xs\n<%= x %>\n% endfor", dict(ASP, line_statement_prefix='%')),
    ("line/comment-inside-statement", "# for x in xs ## c\n{{x}}\n# endfor", LSC),
    # --- line comments
    ("linecomment/basic", "a ## c\nb\n## d\ne", LC),
    ("linecomment/keeps-newline", "a\n## whole line\nb", LC),
    ("linecomment/lstrip-trim", "a\n  ## d\ne", dict(LC, lstrip_blocks=True, trim_blocks=True)),
    ("linecomment/indented", "a\n   ## d\ne", LC),
    ("linecomment/after-space-only", "a ## b ## c\nd", LC),
    ("linecomment/after-tag", "{{ name }} ## c\nx", LC),
    ("linecomment/in-raw", "{% raw %}a ## b{% endraw %}", LC),
    ("linecomment/in-string", "{{ 'a ## b' }}", LC),
    ("linecomment/strip-minus", "a\n##- c\nb", LC),
    ("linecomment/eof", "a ## c", LC),
    ("linecomment/with-statements", "# for x in xs ## not allowed here\n{{ x }}\n# endfor", LSC),
    ("linecomment/statements-and-comments", "## header\n# for x in xs\n{{ x }} ## item\n# endfor\n", LSC),
    ("linecomment/percent", "%% note\n% for x in xs\n{{ x }}\n% endfor", PCT),
    ("linecomment/statement-prefix-tie", "a\n#if true\nb\n#endif", dict(line_statement_prefix='#', line_comment_prefix='#')),
    # --- newline_sequence
    ("newline/crlf", "a\nb\r\nc\rd", dict(newline_sequence='\r\n')),
    ("newline/cr", "a\nb\r\nc", dict(newline_sequence='\r')),
    ("newline/string-literal", "{{ 'x\ny' }}|{{ '\\n' }}|{{ nl }}", dict(newline_sequence='\r\n')),
    ("newline/string-continuation", '{{ "a\\\nb" }}', dict(newline_sequence='\r\n')),
    ("newline/raw", "{% raw %}a\nb{% endraw %}", dict(newline_sequence='\r\n')),
    ("newline/trim-blocks", "{% if true %}\na\n{% endif %}\nb\n", dict(newline_sequence='\r\n', trim_blocks=True)),
    ("newline/keep-trailing", "a\n", dict(newline_sequence='\r\n', keep_trailing_newline=True)),
    ("newline/drop-trailing", "a\r\n", dict(newline_sequence='\r\n')),
    ("newline/set-block", "{% set s %}a\nb{% endset %}{{ s }}", dict(newline_sequence='\r')),
    ("newline/filter-output", "{{ 'a\\nb'|replace('a', 'c') }}\n", dict(newline_sequence='\r\n', keep_trailing_newline=True)),
    # --- keep_trailing_newline, trim/lstrip on default delimiters
    ("trailing/keep", "a\n", dict(keep_trailing_newline=True)),
    ("trailing/keep-two", "a\n\n", dict(keep_trailing_newline=True)),
    ("trailing/drop-one", "a\n\n", {}),
    ("trailing/crlf", "a\r\n", {}),
    ("raw/no-trim-after-begin", "{% raw %}\nx{% endraw %}\ny", dict(trim_blocks=True)),
    ("raw/plus-end", "{% raw %}x{% endraw +%}\ny", dict(trim_blocks=True)),
    ("raw/plus-begin", "{% raw +%}x{% endraw %}", {}),
    ("raw/lstrip", "a\n  {% raw %}x\n  {% endraw %}", dict(lstrip_blocks=True)),
    ("lstrip/comment", "a\n  {# c #}\nb", dict(lstrip_blocks=True)),
    ("lstrip/variable-kept", "a\n  {{ 1 }}\nb", dict(lstrip_blocks=True, trim_blocks=True)),
    ("lstrip/plus", "a\n  {%+ if true %}b{% endif %}", dict(lstrip_blocks=True)),
    ("trim/comment", "a{# c #}\nb", dict(trim_blocks=True)),
    ("trim/comment-plus", "a{# c +#}\nb", dict(trim_blocks=True)),
    ("colon/for-else", "{% for x in []: %}{{x}}{% else: %}empty{% endfor %}", {}),
    ("colon/if-elif", "{% if false: %}a{% elif true: %}b{% else: %}c{% endif %}", {}),
    ("colon/block-macro", "{% macro m(): %}m{% endmacro %}{% block b: %}{{ m() }}{% endblock %}", {}),
    ("colon/set-error", "{% set x = 1: %}", {}),
    ("colon/with-error", "{% with a = 1: %}{{ a }}{% endwith %}", {}),
    ("colon/filter-call-set", "{% filter upper: %}x{% endfilter %}{% macro m() %}{{ caller() }}{% endmacro %}{% call m(): %}c{% endcall %}{% set s: %}S{% endset %}{{ s }}", {}),
    ("colon/autoescape", "{% autoescape true: %}{{ '<' }}{% endautoescape %}", {}),
    ("colon/endif-error", "{% if true %}a{% endif: %}", {}),
]

# Adapted from the shapes of Jinja2's own test suite (tests/test_lexnparse.py): lexer, lstrip/trim and line syntax.
def env(*args, **kw):
    names = ["block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
             "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix"]
    return dict(zip(names, args), **kw)

SEQ5 = {"seq": [0, 1, 2, 3, 4]}
ANGLE = env("<%", "%>", "${", "}", "<%#", "%>", "%", "##", lstrip_blocks=True, trim_blocks=True)
PHP = env("<?", "?>", "<?=", "?>", "<!--", "-->", lstrip_blocks=True, trim_blocks=True)
ERB = env("<%", "%>", "<%=", "%>", "<%#", "%>", lstrip_blocks=True, trim_blocks=True)
HTMLC = env("<!--", "-->", "${", "}", "<!--#", "-->", lstrip_blocks=True, trim_blocks=True)
SUITE = [
    ("suite/raw1", "{% raw %}foo{% endraw %}|{%raw%}{{ bar }}|{% baz %}{%       endraw    %}", {}),
    ("suite/raw2", "1  {%- raw -%}   2   {%- endraw -%}   3", {}),
    ("suite/raw3", "bar\n{% raw %}\n  {{baz}}2 spaces\n{% endraw %}\nfoo", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/raw4", "bar\n{%- raw -%}\n\n  \n  2 spaces\n space{%- endraw -%}\nfoo", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/balancing", "{% for item in seq %}${{'foo': item}|upper}{% endfor %}", env("{%", "%}", "${", "}"), SEQ5),
    ("suite/comments", "<ul>\n<!--- for item in seq -->\n  <li>{item}</li>\n<!--- endfor -->\n</ul>", env("<!--", "-->", "{", "}"), SEQ5),
    ("suite/normalizing-r", "1\n2\r\n3\n4\n", dict(newline_sequence="\r")),
    ("suite/normalizing-rn", "1\n2\r\n3\n4\n", dict(newline_sequence="\r\n")),
    ("suite/normalizing-n", "1\n2\r\n3\n4\n", dict(newline_sequence="\n")),
    ("suite/trailing-keep", "a\nb\n", dict(keep_trailing_newline=True)),
    ("suite/trailing-drop", "a\nb\n", {}),
    ("suite/line-syntax", "<%# regular comment %>\n% for item in seq:\n    ${item}\n% endfor", env("<%", "%>", "${", "}", "<%#", "%>", "%", "##"), SEQ5),
    ("suite/line-syntax-comment", "<%# regular comment %>\n% for item in seq:\n    ${item} ## the rest of the stuff\n% endfor", env("<%", "%>", "${", "}", "<%#", "%>", "%", "##"), SEQ5),
    ("suite/line-priority-1", "/* ignore me.\n   I'm a multiline comment */\n## for item in seq:\n* ${item}          # this is just extra stuff\n## endfor", env("{%", "%}", "${", "}", "/*", "*/", "##", "#"), {"seq": [1, 2]}),
    ("suite/line-priority-2", "/* ignore me.\n   I'm a multiline comment */\n# for item in seq:\n* ${item}          ## this is just extra stuff\n    ## extra stuff i just want to ignore\n# endfor", env("{%", "%}", "${", "}", "/*", "*/", "#", "##"), {"seq": [1, 2]}),
    ("suite/angle-simple", "    <% if True %>hello    <% endif %>", ANGLE),
    ("suite/angle-comment", "    <%# if True %>hello    <%# endif %>", ANGLE),
    ("suite/angle", "\n    <%# regular comment %>\n    <% for item in seq %>\n${item} ## the rest of the stuff\n   <% endfor %>", ANGLE, SEQ5),
    ("suite/angle-compact", "\n    <%#regular comment%>\n    <%for item in seq%>\n${item} ## the rest of the stuff\n   <%endfor%>", ANGLE, SEQ5),
    ("suite/php-manual", "\n    <!-- I'm a comment, I'm not interesting -->\n    <? for item in seq -?>\n        <?= item ?>\n    <?- endfor ?>", PHP, SEQ5),
    ("suite/php", "\n    <!-- I'm a comment, I'm not interesting -->\n    <? for item in seq ?>\n        <?= item ?>\n    <? endfor ?>", PHP, SEQ5),
    ("suite/php-compact", "\n    <!-- I'm a comment, I'm not interesting -->\n    <?for item in seq?>\n        <?=item?>\n    <?endfor?>", PHP, SEQ5),
    ("suite/erb", "\n<%# I'm a comment, I'm not interesting %>\n    <% for item in seq %>\n    <%= item %>\n\n    <% endfor %>\n", ERB, SEQ5),
    ("suite/erb-manual", "\n<%# I'm a comment, I'm not interesting %>\n    <% for item in seq -%>\n        <%= item %>\n    <%- endfor %>", ERB, SEQ5),
    ("suite/erb-no-lstrip", "\n<%# I'm a comment, I'm not interesting %>\n    <%+ for item in seq -%>\n        <%= item %>\n    <%- endfor %>", ERB, SEQ5),
    ("suite/html-comment-syntax", "\n<!--# I'm a comment, I'm not interesting -->\n<!-- for item in seq --->\n    ${item}\n<!--- endfor -->", HTMLC, SEQ5),
    ("suite/no-trim-angle", "<% if True +%>\n\n<% endif %>", env("<%", "%>", "${", "}", "<%#", "%>", lstrip_blocks=True, trim_blocks=True)),
    ("suite/no-trim-php", "<? if True +?>\n\n<? endif ?>", env("<?", "?>", "<?=", "?>", lstrip_blocks=False, trim_blocks=True)),
    ("suite/lstrip-nested", "    {% if True %}a {% if True %}b {% endif %}c {% endif %}", dict(lstrip_blocks=True, trim_blocks=False)),
    ("suite/lstrip-left-chars", "    abc {% if True %}\n        hello{% endif %}", dict(lstrip_blocks=True, trim_blocks=False)),
    ("suite/lstrip-embedded", "    {% set x = 1 %}\n        {{ x }}\n    {% if True %}abc{% endif %}", dict(lstrip_blocks=True, trim_blocks=False)),
    ("suite/lstrip-preserve-ws-inside", "  {% raw %}{{ x }}{% endraw %}  \n  {% if True %}   y {% endif %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-comment-only", "  {# c #}\nx", dict(lstrip_blocks=True)),
    ("suite/lstrip-blocks-false-plus", "  {%+ if True %}\n  {%+ endif %}", dict(lstrip_blocks=False)),
    ("suite/lstrip-trim-outside-newline", "  {% if kvs %}(\n   {% for k, v in kvs %}{{ k }}={{ v }} {% endfor %}\n  ){% endif %}", dict(lstrip_blocks=True, trim_blocks=True), {"kvs": [["a", 1], ["b", 2]]}),
    ("suite/lstrip-without-newline", "  {% if kvs %}   (   {% for k, v in kvs %}{{ k }}={{ v }} {% endfor %}   ) {% endif %}", dict(lstrip_blocks=True, trim_blocks=False), {"kvs": [["a", 1], ["b", 2]]}),
    ("suite/lstrip-consume-after", "{% for x in [1, 2] %}{{ x }}\n  {% endfor %}\n", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/trim-simple", "{% if True %}\n  a\n{% endif %}\nb", dict(trim_blocks=True)),
    ("suite/trim-plus", "{% if True +%}\n  a\n{% endif +%}\nb", dict(trim_blocks=True)),
    ("suite/trim-comment-plus", "{# c +#}\na", dict(trim_blocks=True)),
    ("suite/trim-comment-minus", "{# c -#}\n  a", dict(trim_blocks=True)),
    ("suite/trim-endraw", "{% raw %}\nx\n{% endraw %}\ny", dict(trim_blocks=True)),
    ("suite/trim-nested", "{% if True %}a {% if True %}b {% endif %}c {% endif %}", dict(trim_blocks=True)),
    # Jinja2's test_name: names are Python identifiers
    ("names/ascii", "{{ foo }}{% set föö = 1 %}{{ föö }}{% set き = 2 %}{{ き }}{% set _ = 3 %}{{ _ }}", {}),
    ("names/other-id-start", "{% set \u1885 = 1 %}{% set \u2118x = 2 %}{% set \u212e = 3 %}{{ \u1885 }}{{ \u2118x }}{{ \u212e }}", {}),
    # (one name per case: CPython NFKC-normalises the identifiers of Jinja2's generated code, so U+0387 and U+00B7
    # would name the same local there — an artifact Kida does not copy)
    ("names/other-id-continue-1", "{% set foo\u00b7 = 1 %}{{ foo\u00b7 }}", {}),
    ("names/other-id-continue-2", "{% set foo\u0387 = 2 %}{{ foo\u0387 }}", {}),
    ("names/attr", "{{ d.kö }}|{{ {'ключ': 'значение'}.ключ }}", {}, {"d": {"kö": "v"}}),
    ("names/astral", "{% set \U0001d400 = 5 %}{{ \U0001d400 }}", {}),
    ("names/digit-start", "{{ 1a }}", {}),
    ("names/dash", "{{ a- }}", {}),
    ("names/snake", "{{ \U0001f40d }}", {}),
    ("names/snake-inside", "{{ a\U0001f40db }}", {}),
    ("names/middle-dot-start", "{{ \u00b7 }}", {}),
    ("names/greek-ano-start", "{{ \u0387 }}", {}),
    ("names/line-separator", "{{ a\u2028b }}", {}),
    ("suite/lstrip", "    {% if True %}\n    {% endif %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-trim", "    {% if True %}\n    {% endif %}", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/no-lstrip", "    {%+ if True %}\n    {%+ endif %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-endline", "    hello{% if True %}\n    goodbye{% endif %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-inline", "    {% if True %}hello    {% endif %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-leading-newlines", "\n\n\n{% set hello = 1 %}", dict(lstrip_blocks=True)),
    ("suite/lstrip-comment-2", "    {# if True #}\nhello\n    {#endif#}", dict(lstrip_blocks=True)),
    ("suite/multi-comment-trim-lstrip", "   {# comment #}\n\n{# comment2 #}\n   \n{# comment3 #}\n\n ", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/multi-comment-no-trim-lstrip", "   {# comment #}\n\n{# comment2 #}\n   \n{# comment3 #}\n\n ", dict(lstrip_blocks=True)),
    ("suite/raw-trim-lstrip", "{{x}}{% raw %}\n\n    {% endraw %}\n\n{{ y }}", dict(lstrip_blocks=True, trim_blocks=True), {"x": 1, "y": 2}),
    ("suite/raw-no-trim-lstrip", "{{x}}{% raw %}\n\n      {% endraw +%}\n\n{{ y }}", dict(lstrip_blocks=True, trim_blocks=True), {"x": 1, "y": 2}),
    ("suite/raw-no-lstrip-plus", "{{x}}{% raw %}\n\n      {%+ endraw +%}\n\n{{ y }}", dict(lstrip_blocks=True, trim_blocks=True), {"x": 1, "y": 2}),
    ("suite/no-trim-outer", "{% if True %}X{% endif +%}\nmore things", dict(trim_blocks=True)),
    ("suite/lstrip-no-trim", "{% if True +%}\n\n{% endif %}", dict(lstrip_blocks=True, trim_blocks=True)),
    ("suite/comment-trim", "{# comment #}\n\n  {# comment2 #}", dict(trim_blocks=True)),
    ("suite/comment-no-trim", "{# comment +#}\n\n  {# comment2 +#}", dict(trim_blocks=True)),
    ("suite/start-comment", "{# foo comment\nand bar comment #}\n{% macro blub() %}foo{% endmacro %}\n{{ blub() }}", dict(trim_blocks=True)),
    ("suite/trim-lstrip-asp-linecomment", "<%# c %>\n  <% if true %>\n  x ## gone\n  <% endif %>\n", ANGLE),
    ("suite/string-concat", "{{ \"foo\" \"bar\" 'baz' }}", {}),
    ("suite/lineno-strip", "<html>\n    <body>\n    {%- block content -%}\n        <hr>\n        {{ item }}\n    {% endblock %}\n    </body>\n</html>", {}, {"item": "x"}),
]

NUMBERS = [
    "1e3", "1E+3", "1e-3", "1.5e3", "1_0e1_0", "1_000", "1_000.5_0", "0x1F", "0X_1f", "0xAbC", "0o17", "0O_7",
    "0b101", "0B1_0", "00", "0_0", "00.5", "0e0", "0x1e3", "0.0", "3.14", "10e400", "1e-400",
    "0xffffffffffffffffffff", "123456789012345678901234567890", "9223372036854775807", "9223372036854775808",
    "0b1111111111111111111111111111111111111111111111111111111111111111", "-0x10", "0x10 + 0o10 + 0b10",
    "1_2_3", "07.5", "1.5_0e1_0",
    # refused by Jinja2
    # Jinja2's test_numeric_literal
    "1", "123", "12_34_56", "1.2", "34.56", "3_4.5_6", "1e0", "10e1", "2.5e100", "2.5e+100", "25.6e-10",
    "1_2.3_4e5_6", "0", "0_00", "0b1001_1111", "0o123", "0o1_23", "0x123abc", "0x12_3abc",
    "01", "1__0", "1_", "1e", "0b2", "0x", "0o8", "2.", ".5", "1.e3", "1_.5", "0_1", "1e+",
]


def render(src, kw, ctx=None):
    try:
        env = jinja2.Environment(loader=jinja2.DictLoader({"main.html": src}), **kw)
    except AssertionError:
        return None, "config"
    try:
        return env.get_template("main.html").render(**(ctx or CTX)), None
    except jinja2.TemplateSyntaxError:
        return None, "syntax"
    except jinja2.UndefinedError:
        return None, "undefined"
    except jinja2.TemplateError:
        return None, "runtime"


def case(cid, src, kw, ctx=None):
    out, err = render(src, kw, ctx)
    c = {"id": "environment/" + cid, "feature": "env:" + cid.split("/")[0], "templates": {"main.html": src},
         "entry": "main.html", "context": ctx or CTX, "autoescape": False, "strict": False}
    c.update(kw)
    if err: c["expected_error"] = err
    else: c["expected"] = out
    return c


def main():
    cases = [case(cid, src, kw) for cid, src, kw in CASES]
    cases += [case(*row) for row in SUITE]
    for i, n in enumerate(NUMBERS):
        cases.append(case(f"number/{i:02d}-{n[:24]}", "{{ " + n + " }}", {}))
    OUT.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
