#!/usr/bin/env python3
"""Regenerates tests/Kida.ChatTemplates.Tests/Pinned/chat_environment.json: chat templates rendered by Jinja2 3.1.6 in
transformers' chat-template environment, reproduced here from transformers' utils/chat_template_utils.py
(_compile_jinja_template, render_jinja_template, _render_with_assistant_indices): ImmutableSandboxedEnvironment with
trim_blocks, lstrip_blocks and loopcontrols, the AssistantTracker extension ({% generation %}), raise_exception,
strftime_now and transformers' tojson; continue_final_message by the CONTINUE_FINAL_MESSAGE_TAG rule. strftime_now reads
a fixed clock (2026-03-05 14:07:09.123456, local). Spans are converted from Python's code-point offsets to UTF-16
offsets, as .NET strings index. Edit this script, not the JSON."""
import datetime, json, pathlib
from copy import deepcopy
import jinja2

import transformers_chat

OUT = pathlib.Path(__file__).resolve().parent.parent / 'Kida.ChatTemplates.Tests' / 'Pinned' / 'chat_environment.json'
NOW = datetime.datetime(2026, 3, 5, 14, 7, 9, 123456)


def compile_template(source):
    return transformers_chat.compile_template(source, NOW)


TAG = "CONTINUE_FINAL_MESSAGE_TAG "


def render(source, messages, tools=None, documents=None, add_generation_prompt=False, continue_final_message=False,
           spans=False, **kwargs):
    if continue_final_message and add_generation_prompt:
        raise ValueError("continue_final_message and add_generation_prompt are not compatible.")
    template = compile_template(source)
    chat = messages
    if continue_final_message:
        chat = deepcopy(chat)
        final_message = chat[-1]["content"]
        if isinstance(final_message, (list, tuple)):
            for block in reversed(final_message):
                if "text" in block:
                    final_message = block["text"]
                    block["text"] = block["text"] + TAG
                    break
            else:
                raise ValueError("continue_final_message is set but we could not find any text to continue in the final message!")
        else:
            chat[-1]["content"] = chat[-1]["content"] + TAG
    indices = []
    if spans:
        blocks = []
        with template.environment.activate_tracker(blocks, indices):
            for block in template.generate(messages=chat, tools=tools, documents=documents,
                                           add_generation_prompt=add_generation_prompt, **kwargs):
                blocks.append(block)
            text = "".join(blocks)
    else:
        text = template.render(messages=chat, tools=tools, documents=documents, add_generation_prompt=add_generation_prompt, **kwargs)
    if continue_final_message:
        if final_message.strip() not in text or TAG.strip() not in text:
            raise ValueError("continue_final_message is set but the final message does not appear in the chat after applying the chat template!")
        loc = text.rindex(TAG.strip())
        text = text[:loc] if text[loc:loc + len(TAG)] == TAG else text[:loc].rstrip()
    return text, indices


def utf16(text, index):
    return len(text[:index].encode("utf-16-le")) // 2


USER = [{"role": "user", "content": "Hi"}]
TURNS = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi"},
         {"role": "assistant", "content": "Hello!"}, {"role": "user", "content": "Bye"}]
LOOP = "{% for m in messages %}<{{ m.role }}>{{ m.content }}</{{ m.role }}>\n{% endfor %}"
GEN = ("{{ bos_token }}{% for m in messages %}{% if m.role == 'assistant' %}<a>{% generation %}{{ m.content }}</s>"
       "{% endgeneration %}\n{% else %}<{{ m.role }}>{{ m.content }}\n{% endif %}{% endfor %}")
DATA = {"b": 1, "a": [1, 2.5, {"z": None, "y": True}], "html": "<b>&'\"</b>", "uni": "héllo ☃ 😀", "empty": [], "e2": {},
        "ctrl": "a\nb\tc\"d\\e\u0001\u007f\u2028"}
TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Weather in a city", "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "The city, e.g. Zürich"}, "unit": {"type": "string", "enum": ["c", "f"]}}, "required": ["city"]}}},
         {"type": "function", "function": {"name": "get_time", "description": "Time \"now\"", "parameters": {"type": "object", "properties": {}}}}]
NESTED = {"z": [3, {"y": None, "b": [True, False, [1.5, []]], "a": {}}], "é": "ünï ☃ 😀", "a": {"q": [{"s": "t"}], "p": "\n"}}
DEEP = {"l0": [[{"l3": [{"l5": [[{"l8": [{"l10": [[{"l13": "end"}]]}]}]]}]}]]}
LONG = "x" * 9000 + "\"é😀\n" + "y" * 12000 + "\u0001end"
FLOATS = [1.0, 0.1, 1e16, 1e15, 1.5e-5, 0.0001, 123456789.125, -0.0, 2.5e300, 1e-7]

CASES = [
    # --- the environment
    ("env/trim-lstrip", "  {% if true %}\nx\n  {% endif %}\ny{# c #}\n  {% for i in [1,2] %}\n{{ i }}\n  {% endfor %}\nz", USER, {}),
    ("env/loopcontrols", "{% for i in range(10) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}", USER, {}),
    ("env/no-autoescape", "{{ '<b>&amp;\"' }}{{ messages[0].content }}", [{"role": "user", "content": "<i>&</i>"}], {}),
    ("env/lenient-undefined", "[{{ missing }}|{{ messages[0].nope }}|{% if missing %}y{% else %}n{% endif %}|{{ missing is defined }}|{{ messages[0]['nope'] | default('d') }}]", USER, {}),
    ("env/undefined-attribute-of-undefined", "{{ missing.attr }}", USER, {}),
    ("env/sandbox-dunder", "{{ messages.__class__.__mro__ }}", USER, {}),
    ("env/immutable-messages", "{% set _ = messages.append({'role': 'x'}) %}{{ messages | length }}", USER, {}),
    ("env/immutable-local-list", "{% set xs = [] %}{% set _ = xs.append(1) %}{{ xs }}", USER, {}),
    ("env/immutable-dict", "{% set _ = messages[0].update({'role': 'x'}) %}{{ messages[0].role }}", USER, {}),
    ("env/immutable-pop", "{{ messages[0].pop('role') }}", USER, {}),
    ("env/reading-methods", "{{ messages[0].get('role') }}|{{ messages[0].keys() | list }}|{% for k, v in messages[0].items() %}{{ k }}={{ v }};{% endfor %}|{{ [3, 1].index(1) }}", USER, {}),
    ("env/loop-messages", LOOP, TURNS, {}),
    ("env/namespace", "{% set ns = namespace(n=0) %}{% for m in messages %}{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.n }}", TURNS, {}),
    ("env/add-generation-prompt-default", "{{ add_generation_prompt }}|{{ tools }}|{{ documents }}|{{ tools is none }}", USER, {}),
    ("env/add-generation-prompt", "{% if add_generation_prompt %}<assistant>{% endif %}", USER, {"add_generation_prompt": True}),
    ("env/extra-variables", "{{ enable_thinking }}|{{ date_string }}|{{ bos_token }}", USER,
     {"kwargs": {"enable_thinking": False, "date_string": "26 Jul 2024", "bos_token": "<s>"}}),
    ("env/tools-documents", "{% for t in tools %}{{ t.function.name }}:{{ t.function.parameters | tojson }};{% endfor %}{% for d in documents %}[{{ d.title }}={{ d.text }}]{% endfor %}", USER,
     {"tools": [{"type": "function", "function": {"name": "get_weather", "description": "Weather", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}}],
      "documents": [{"title": "A", "text": "alpha"}, {"title": "B", "text": "beta"}]}),
    # --- raise_exception
    ("raise/alternate", "{% for m in messages %}{% if (m.role == 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must alternate user/assistant/user/assistant/...') }}{% endif %}{{ m.content }}{% endfor %}",
     [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], {}),
    ("raise/after-output", "x{{ raise_exception('Only user and assistant roles are supported!') }}", USER, {}),
    # --- strftime_now
    ("strftime/iso", "{{ strftime_now('%Y-%m-%d %H:%M:%S') }}", USER, {}),
    ("strftime/llama", "{{ strftime_now('%d %b %Y') }}", USER, {}),
    ("strftime/names", "{{ strftime_now('%A %a %B %b %h %p') }}", USER, {}),
    ("strftime/numbers", "{{ strftime_now('%j %U %W %w %u %V %G %g %y %C %I %f %e %%') }}", USER, {}),
    ("strftime/glibc-flags", "{{ strftime_now('%-d %-m %-H %_d %-j') }}", USER, {}),
    ("strftime/composites", "{{ strftime_now('%c|%x|%X|%D|%F|%T|%R|%r') }}", USER, {}),
    ("strftime/unknown", "{{ strftime_now('%Q %k %l %P') }}", USER, {}),
    # --- tojson
    ("tojson/default", "{{ data | tojson }}", USER, {"kwargs": {"data": DATA}}),
    ("tojson/indent2", "{{ data | tojson(indent=2) }}", USER, {"kwargs": {"data": DATA}}),
    ("tojson/indent4-nested", "{{ messages | tojson(indent=4) }}", TURNS, {}),
    ("tojson/indent-string", "{{ data | tojson(indent='\t') }}", USER, {"kwargs": {"data": {"a": [1]}}}),
    ("tojson/indent0", "{{ data | tojson(indent=0) }}", USER, {"kwargs": {"data": {"a": [1, {}]}}}),
    ("tojson/separators", "{{ data | tojson(separators=(',', ':')) }}", USER, {"kwargs": {"data": DATA}}),
    ("tojson/separators-list", "{{ data | tojson(separators=[' ,', ' = '], indent=1) }}", USER, {"kwargs": {"data": {"a": [1, 2]}}}),
    ("tojson/sort-keys", "{{ data | tojson(sort_keys=true) }}", USER, {"kwargs": {"data": DATA}}),
    ("tojson/ensure-ascii", "{{ data | tojson(ensure_ascii=true) }}", USER, {"kwargs": {"data": DATA}}),
    ("tojson/positional-ensure-ascii", "{{ 'é' | tojson(true) }}|{{ 'é' | tojson(false, 2) }}", USER, {}),
    ("tojson/floats", "{{ data | tojson }}", USER, {"kwargs": {"data": FLOATS}}),
    ("tojson/scalars", "{{ 1 | tojson }}|{{ none | tojson }}|{{ true | tojson }}|{{ 'a' | tojson }}|{{ (1, 2) | tojson }}|{{ 2.0 | tojson }}", USER, {}),
    ("tojson/not-markup", "{{ (messages[0] | tojson) ~ '<' }}|{{ (messages[0] | tojson) | length }}", [{"role": "user", "content": "<x>"}], {}),
    ("tojson/undefined", "{{ missing | tojson }}", USER, {}),
    ("tojson/arguments-in-template", "{{ messages[0].tool_calls[0].function.arguments | tojson }}",
     [{"role": "assistant", "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": {"city": "Zürich", "n": 3}}}]}], {}),
    # --- tojson's writer (one pooled buffer per thread, newline strings kept between calls): its edge cases
    ("tojson/indent-alternating", "{% for t in tools %}{{ t | tojson(indent=4) }}|{{ t.function.name | tojson }}|{{ t | tojson(indent=2) }}|{{ t | tojson(indent='ab') }}{% endfor %}",
     USER, {"tools": TOOLS}),
    ("tojson/same-object-twice", "{{ messages | tojson }}|{{ messages | tojson }}|{{ messages | tojson(indent=1) }}", TURNS, {}),
    ("tojson/sort-keys-nested-indent", "{{ data | tojson(sort_keys=true, indent=2) }}", USER, {"kwargs": {"data": NESTED}}),
    ("tojson/ensure-ascii-indent", "{{ data | tojson(ensure_ascii=true, indent=1) }}", USER, {"kwargs": {"data": NESTED}}),
    ("tojson/separators-indent-nested", "{{ data | tojson(indent=3, separators=(';', '=')) }}", USER, {"kwargs": {"data": NESTED}}),
    ("tojson/deep-indent", "{{ data | tojson(indent=1) }}", USER, {"kwargs": {"data": DEEP}}),
    ("tojson/indent-large", "{{ data | tojson(indent=11) }}", USER, {"kwargs": {"data": {"a": [1, {"b": []}]}}}),
    ("tojson/long-string", "{{ data | tojson | length }}|{{ (data | tojson)[:40] }}|{{ (data | tojson)[-40:] }}", USER, {"kwargs": {"data": LONG}}),
    ("tojson/long-string-ascii", "{{ data | tojson(ensure_ascii=true) | length }}|{{ (data | tojson(ensure_ascii=true))[-60:] }}", USER, {"kwargs": {"data": LONG}}),
    ("tojson/markup", "{{ ('<b>' | safe) | tojson }}|{{ ['<b>' | safe, 'x'] | tojson }}|{{ {'k': '<i>' | safe} | tojson }}", USER, {}),
    ("tojson/undefined-nested", "{{ {'a': missing} | tojson }}", USER, {}),
    ("tojson/tuples-nested", "{{ (1, (2, 3), [], ()) | tojson(indent=2) }}", USER, {}),
    ("tojson/empty-containers-indent", "{{ data | tojson(indent=2) }}", USER, {"kwargs": {"data": {"a": {}, "b": [], "c": [{}], "d": [[]]}}}),
    ("tojson/non-string-keys", "{{ {1: 'a', 2.5: 'b', true: 'c', none: 'd'} | tojson }}", USER, {}),
    ("tojson/mixed-keys-sorted", "{{ {'b': 1, 'a': 2} | tojson(sort_keys=true) }}|{{ {2: 1, 1: 2} | tojson(sort_keys=true) }}", USER, {}),
    ("tojson/escapes-everywhere", "{{ data | tojson }}", USER, {"kwargs": {"data": {"k\"\\\n": [" é😀", "\t\b\f\r"]}}}),
    # --- continue_final_message
    ("continue/string", LOOP, [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "The answer is"}], {"continue_final_message": True}),
    ("continue/trailing-space-kept", LOOP, [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "The answer is "}], {"continue_final_message": True}),
    ("continue/trailing-space-trimmed", "{% for m in messages %}<{{ m.role }}>{{ m.content | trim }}</{{ m.role }}>\n{% endfor %}",
     [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "The answer is  "}], {"continue_final_message": True}),
    ("continue/content-blocks", "{% for m in messages %}{% for c in m.content %}{% if c.type == 'text' %}{{ c.text }}{% else %}<img>{% endif %}{% endfor %}|{% endfor %}",
     [{"role": "user", "content": [{"type": "image", "url": "u"}, {"type": "text", "text": "What?"}]},
      {"role": "assistant", "content": [{"type": "text", "text": "It is"}, {"type": "image", "url": "v"}]}], {"continue_final_message": True}),
    ("continue/no-text-block", LOOP, [{"role": "user", "content": [{"type": "image", "url": "u"}]}], {"continue_final_message": True}),
    ("continue/template-drops-final", "{% for m in messages[:-1] %}{{ m.content }}{% endfor %}",
     [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Yes"}], {"continue_final_message": True}),
    ("continue/with-generation-prompt", LOOP, USER, {"continue_final_message": True, "add_generation_prompt": True}),
    # --- {% generation %} spans
    ("spans/basic", GEN, TURNS[1:], {"spans": True, "kwargs": {"bos_token": "<s>"}}),
    ("spans/two-turns-astral", GEN, [{"role": "user", "content": "😀 hi"}, {"role": "assistant", "content": "ça 😀 va"},
                                     {"role": "user", "content": "𝄞"}, {"role": "assistant", "content": "ok"}], {"spans": True, "kwargs": {"bos_token": "<s>"}}),
    ("spans/trim-inside", "<s>{% for m in messages %}{% if m.role == 'assistant' %}\n  {% generation %}\n  {{ m.content }}\n  {% endgeneration %}\n{% endif %}{% endfor %}",
     TURNS, {"spans": True}),
    ("spans/empty-body", "<s>{% generation %}{% endgeneration %}|{% for m in messages %}{% generation %}{{ m.content }}{% endgeneration %}{% endfor %}", TURNS, {"spans": True}),
    ("spans/set-stays-inside", "<s>{% set x = 'outer' %}{% generation %}{% set x = 'inner' %}{{ x }}{% endgeneration %}{{ x }}", USER, {"spans": True}),
    ("spans/loop-variable", "<s>{% for m in messages %}{% generation %}{{ loop.index }}{{ m.role[0] }}{% endgeneration %}{% endfor %}", TURNS, {"spans": True}),
]


# Real templates from the shared wild corpus (sources copied into the pinned file, so the tests need nothing outside
# the repository), each with the conversation the corpus gives it and variants.
WILD_FILE = pathlib.Path("/work/shared/wild/chat-templates.json")
WILD = {c["id"]: c for c in json.loads(WILD_FILE.read_text(encoding="utf-8"))}


def wild(case_id):
    c = WILD[case_id]
    return c["templates"][c["entry"]], dict(c["context"])


def wild_cases():
    out = []
    for case_id in ["chat-templates/qwen3/tools-calls-responses", "chat-templates/llama-3.1/tools-in-system-with-call",
                    "chat-templates/gemma-3/image-and-text-parts", "chat-templates/mistral-nemo/tools-calls-results",
                    "chat-templates/qwen3/think-history-thinking-off", "chat-templates/deepseek-r1/system-think-gen"]:
        source, context = wild(case_id)
        messages = context.pop("messages")
        options = {k: context.pop(k) for k in ("tools", "documents", "add_generation_prompt") if k in context}
        out.append(("wild/" + case_id.split("/", 1)[1], source, messages, dict(options, kwargs=context)))
    # raise_exception in a real template: mistral-nemo refuses roles that do not alternate.
    source, context = wild("chat-templates/mistral-nemo/system-multi-turn")
    out.append(("wild/mistral-nemo/roles-do-not-alternate", source,
                [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], {"kwargs": {"bos_token": "<s>", "eos_token": "</s>"}}))
    # continue_final_message with a real template.
    source, context = wild("chat-templates/qwen3/system-multi-turn-gen")
    out.append(("wild/qwen3/continue-final-message", source,
                [{"role": "user", "content": "Write a haiku."}, {"role": "assistant", "content": "Autumn moonlight -"}],
                {"continue_final_message": True}))
    # The messages ChatMessages.From makes of Microsoft.Extensions.AI messages (ChatMessagesTests builds the same
    # conversation with ChatMessage, FunctionCallContent, FunctionResultContent, DataContent and checks both the mapped
    # dictionaries and the prompt against this case).
    source, _ = wild("chat-templates/qwen3/tools-calls-responses")
    out.append(("meai/qwen3-tools", source, MEAI_TOOL_CHAT, {"tools": MEAI_TOOLS, "add_generation_prompt": True}))
    source, _ = wild("chat-templates/gemma-3/image-and-text-parts")
    out.append(("meai/gemma3-image", source, MEAI_IMAGE_CHAT, {"add_generation_prompt": True, "kwargs": {"bos_token": "<bos>"}}))
    return out


MEAI_TOOL_CHAT = [
    {"role": "system", "content": "You are helpful."},
    {"role": "user", "content": "Weather in Paris?"},
    {"role": "assistant", "content": "", "tool_calls": [{"type": "function", "id": "call_1",
                                           "function": {"name": "get_weather", "arguments": {"location": "Paris", "days": 2}}}]},
    {"role": "tool", "tool_call_id": "call_1", "name": "get_weather", "content": "{\"temp\": 18}"},
    {"role": "assistant", "content": "It is 18 °C."},
    {"role": "user", "content": "Thanks!"},
]
MEAI_TOOLS = [{"type": "function", "function": {"name": "get_weather", "description": "Gets the weather",
               "parameters": {"type": "object", "properties": {"location": {"type": "string"}, "days": {"type": "integer"}},
                              "required": ["location"]}}}]
MEAI_IMAGE_CHAT = [
    {"role": "user", "content": [{"type": "text", "text": "What is in this picture?"},
                                 {"type": "image", "url": "data:image/png;base64,iVBORw0KGgo="},
                                 {"type": "image", "url": "https://example.com/bee.jpg"}]},
]


def main():
    out = []
    for name, source, messages, options in CASES + wild_cases():
        options = dict(options)
        kwargs = options.pop("kwargs", {})
        case = {"name": name, "template": source, "messages": messages}
        for key in ("tools", "documents", "add_generation_prompt", "continue_final_message", "spans"):
            if key in options:
                case[key] = options[key]
        if kwargs:
            case["variables"] = kwargs
        try:
            text, indices = render(source, messages, **options, **kwargs)
            case["expected"] = text
            if options.get("spans"):
                case["spans"] = [[utf16(text, s), utf16(text, e) - utf16(text, s)] for s, e in indices]
        except jinja2.exceptions.SecurityError as e:
            case["error"] = {"kind": "security", "message": str(e)}
        except jinja2.exceptions.UndefinedError as e:
            case["error"] = {"kind": "undefined", "message": str(e)}
        except jinja2.exceptions.TemplateError as e:
            case["error"] = {"kind": "raised", "message": str(e)}
        except TypeError as e:   # raised while rendering (json.dumps of an Undefined)
            case["error"] = {"kind": "render", "message": str(e)}
        except ValueError as e:  # transformers' own checks of the input
            case["error"] = {"kind": "input", "message": str(e)}
        out.append(case)
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{len(out)} cases -> {OUT}")


if __name__ == "__main__":
    main()
