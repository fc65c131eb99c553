#!/usr/bin/env python3
"""Regenerates tests/Kida.Tests/Conformance/cases/undefined-kinds.json: templates rendered by Jinja2 3.1.6 under each
undefined kind (the corpus's optional "undefined" field: default, strict, chainable, debug)."""
import json, pathlib
import jinja2

OUT = pathlib.Path(__file__).resolve().parent.parent / 'Kida.Tests' / 'Conformance' / 'cases' / 'undefined-kinds.json'
KINDS = {'default': jinja2.Undefined, 'strict': jinja2.StrictUndefined,
         'chainable': jinja2.ChainableUndefined, 'debug': jinja2.DebugUndefined}
CONTEXT = {'user': {'name': 'Ada'}, 'items': [1, 2]}
TEMPLATES = [
    ('print', '[{{ missing }}]'),
    ('attr', '[{{ user.missing }}]'),
    ('item', "[{{ user['missing'] }}]"),
    ('chain', '[{{ missing.a.b }}]'),
    ('chain-item', "[{{ missing['a'].b }}]"),
    ('defined', '{{ missing is defined }}|{{ missing.a is defined }}'),
    ('default', "{{ missing | default('d') }}|{{ missing.a | default('d') }}"),
    ('if', '{% if missing %}y{% else %}n{% endif %}'),
    ('for', '{% for x in missing %}{{ x }}{% else %}empty{% endfor %}'),
    ('length', '{{ missing | length }}'),
    ('concat', "{{ 'a' ~ missing ~ 'b' }}"),
    ('add', '{{ missing + 1 }}'),
    ('eq', '{{ missing == none }}|{{ missing != 1 }}'),
    ('call', '{{ missing() }}'),
    ('upper', '{{ missing | upper }}'),
    ('list', '{{ missing | list }}'),
    ('join', "{{ missing | join(',') }}"),
    ('escape', '{{ missing | e }}'),
    ('in-string', "{{ 'x' in missing }}"),
    ('none-attr', '{{ none.a }}'),
    ('nested-default', "{{ user.missing.deeper | default('fallback') }}"),
]

def kind_of(e):
    if isinstance(e, jinja2.UndefinedError): return 'undefined'
    if isinstance(e, jinja2.TemplateSyntaxError): return 'syntax'
    return 'runtime'

cases = []
for kind, cls in KINDS.items():
    env = jinja2.Environment(undefined=cls)
    for name, source in TEMPLATES:
        case = {'id': f'undefined-kinds/{kind}/{name}', 'feature': f'env:undefined:{kind}',
                'templates': {'main.html': source}, 'entry': 'main.html', 'context': CONTEXT,
                'autoescape': False, 'strict': False, 'undefined': kind}
        try:
            case['expected'] = env.from_string(source).render(CONTEXT)
        except Exception as e:  # noqa: BLE001 - the kind of error is what is pinned
            case['expected_error'] = kind_of(e)
        cases.append(case)
OUT.write_text(json.dumps(cases, indent=2, ensure_ascii=False) + '\n', encoding='utf-8')
print(f'{len(cases)} cases -> {OUT}')
