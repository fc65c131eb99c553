#!/usr/bin/env python3
"""The oracle of the chat-template corpus (issue #17): renders every case of
tests/Kida.ChatTemplates.Tests/Corpus/*.json exactly as Hugging Face transformers' `apply_chat_template` does,
re-implemented here on Jinja2 3.1.6 (transformers is not installed; no PyPI).

    python3 tests/tools/pin_chat_templates.py            # (re)build every file's cases and expected outputs
    python3 tests/tools/pin_chat_templates.py --check    # re-render the stored cases and compare, change nothing

What is reproduced, and from where (huggingface/transformers, src/transformers/utils/chat_template_utils.py):
- `_compile_jinja_template` / `_cached_compile_jinja_template`: ImmutableSandboxedEnvironment(trim_blocks=True,
  lstrip_blocks=True, extensions=[AssistantTracker, jinja2.ext.loopcontrols]); the `tojson` filter replaced by
  json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False) with those keyword arguments;
  globals raise_exception(message) -> raise jinja2.exceptions.TemplateError(message) and
  strftime_now(format) -> datetime.now().strftime(format). Here the clock is FIXED (see FIXED_NOW) so outputs are
  deterministic; the .NET tests pass the same instant through ChatTemplateOptions.TimeProvider.
- `AssistantTracker`: the `{% generation %}...{% endgeneration %}` tag, a CallBlock whose body is rendered and
  whose (start, end) character offsets within the output rendered so far are recorded while the tracker is active
  (`_render_with_assistant_indices`: the template is consumed through `generate()` block by block).
- `render_jinja_template`: messages, tools, documents, add_generation_prompt and the extra kwargs passed as the
  template's variables (tools=None and documents=None are passed when absent, so `tools is defined` is true);
  continue_final_message: the final message's "content" (or its last text block) gets the tag
  "CONTINUE_FINAL_MESSAGE_TAG " appended, the output is cut at the last occurrence of the tag (rstrip'ed when the
  template trimmed the space after it), with its two ValueErrors (no content; final message not in the output).
- tokenization_utils_base.py `apply_chat_template`: continue_final_message together with add_generation_prompt, or
  with return_assistant_tokens_mask, is a ValueError; the special tokens (special_tokens_map: bos_token, eos_token, ... as strings) are passed as
  variables with the caller's kwargs overriding them; `get_chat_template`: a named list selects the name asked
  for, else "tool_use" when tools are given and present, else "default", else a ValueError.
"""
import copy, glob, json, os, re, sys
from datetime import datetime

import jinja2

import transformers_chat
from transformers_chat import RaisedByTemplate

assert jinja2.__version__ == "3.1.6", jinja2.__version__

CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Kida.ChatTemplates.Tests", "Corpus")
# strftime_now's clock: 2026-07-04 09:05:03, local time = UTC (transformers calls datetime.now(), a naive local time).
FIXED_NOW = datetime(2026, 7, 4, 9, 5, 3)
CONTINUE_TAG = "CONTINUE_FINAL_MESSAGE_TAG "


def compile_template(source):
    return transformers_chat.compile_template(source, FIXED_NOW)


_compiled = {}


def select_template(entry, case):
    if entry.get("template") is not None:
        return entry["template"]
    named = {t["name"]: t["template"] for t in entry["templates"]}
    name = case.get("template_name")
    if name is not None and name in named:
        return named[name]
    if name is None:
        if case.get("tools") is not None and "tool_use" in named:
            return named["tool_use"]
        if "default" in named:
            return named["default"]
    raise ValueError(f"no chat template named {name!r}")


def apply(entry, case):
    """Returns (text, spans) or raises. spans: list of [start, length]."""
    source = select_template(entry, case)
    if source not in _compiled:
        _compiled[source] = compile_template(source)
    template = _compiled[source]
    messages = case["messages"]
    agp = case.get("add_generation_prompt", False)
    cfm = case.get("continue_final_message", False)
    if cfm and agp:
        raise ValueError("continue_final_message and add_generation_prompt are not compatible. Use "
                         "continue_final_message when you want the model to continue the final message, and "
                         "add_generation_prompt when you want to add a header that will prompt it to start a new "
                         "assistant message instead.")
    if cfm and case.get("return_assistant_tokens_mask"):
        raise ValueError("continue_final_message is not compatible with return_assistant_tokens_mask.")
    kwargs = dict(entry.get("special_tokens", {}))
    kwargs.update(case.get("variables", {}))
    final_message = None
    if cfm:
        messages = copy.deepcopy(messages)  # as render_jinja_template: only continue_final_message copies the chat
        final_message = messages[-1].get("content")
        if final_message is None:
            raise ValueError('continue_final_message is set but the final message has no "content" to continue!')
        if "content" not in source:
            raise ValueError('continue_final_message is set to "content" but this is not an accepted field in the '
                             'chat_template')
        if isinstance(final_message, (list, tuple)):
            for block in reversed(final_message):
                if "text" in block:
                    final_message = block["text"]
                    block["text"] = block["text"] + CONTINUE_TAG
                    break
            else:
                raise ValueError("continue_final_message is set but we could not find any text to continue in the "
                                 "final message!")
        else:
            messages[-1]["content"] = messages[-1]["content"] + CONTINUE_TAG
    blocks, indices = [], []
    with template.environment.activate_tracker(blocks, indices):
        for block in template.generate(messages=messages, tools=case.get("tools"), documents=case.get("documents"),
                                       add_generation_prompt=agp, **kwargs):
            blocks.append(block)
        text = "".join(blocks)
    if cfm:
        if final_message.strip() not in text or CONTINUE_TAG.strip() not in text:
            raise ValueError("continue_final_message is set but the final message does not appear in the chat after "
                             "applying the chat template!")
        loc = text.rindex(CONTINUE_TAG.strip())
        text = text[:loc] if text[loc:loc + len(CONTINUE_TAG)] == CONTINUE_TAG else text[:loc].rstrip()
    return text, [[s, e - s] for s, e in indices]


def outcome(entry, case):
    try:
        text, spans = apply(entry, case)
    except RaisedByTemplate as e:
        return {"expected_error": {"kind": "raise_exception", "message": e.message}}
    except ValueError as e:
        return {"expected_error": {"kind": "invalid_request", "message": str(e)}}
    result = {"expected": text}
    if case.get("return_assistant_tokens_mask"):
        result["expected_spans"] = spans
    return result


def has_generation(entry):
    sources = [entry["template"]] if entry.get("template") is not None else [t["template"] for t in entry["templates"]]
    return any(re.search(r"\{%-?\s*generation\s*-?%\}", s) for s in sources)


# ---------------------------------------------------------------- the conversations -------------------------------
SYSTEM = "You are a helpful assistant. Keep your answers short."
TOOLS = [
    {"type": "function", "function": {
        "name": "get_current_weather",
        "description": "Get the current weather in a given location",
        "parameters": {"type": "object", "properties": {
            "location": {"type": "string", "description": "The city and country, e.g. Paris, France"},
            "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "The temperature unit"}},
            "required": ["location"]}}},
    {"type": "function", "function": {
        "name": "get_stock_price",
        "description": "Get the current stock price of a company",
        "parameters": {"type": "object", "properties": {
            "symbol": {"type": "string", "description": "The stock symbol, e.g. AAPL <NASDAQ> & \"GOOG\""},
            "days": {"type": "integer", "description": "How many days of history"}},
            "required": ["symbol"]}}},
]
DOCUMENTS = [
    {"title": "Paris", "text": "Paris is the capital and largest city of France."},
    {"title": "Lyon", "text": "Lyon is the third-largest city of France, known for its cuisine."},
]
CALL_ID = "a1b2c3d4e"  # nine alphanumerics, as Mistral templates require


def u(text): return {"role": "user", "content": text}
def a(text): return {"role": "assistant", "content": text}
def s(text): return {"role": "system", "content": text}


def tool_turns(args_as_string, content_variant):
    args = {"location": "Paris, France", "unit": "celsius"}
    call = {"id": CALL_ID, "type": "function",
            "function": {"name": "get_current_weather", "arguments": json.dumps(args) if args_as_string else args}}
    assistant = {"role": "assistant", "tool_calls": [call]}
    if content_variant is not None:
        assistant["content"] = content_variant[0]
    result = {"role": "tool", "tool_call_id": CALL_ID, "name": "get_current_weather",
              "content": "{\"temperature\": 22.5, \"condition\": \"sunny\", \"note\": \"Ciel dégagé ☀\"}"}
    return [u("What's the weather like in Paris today?"), assistant, result]


def variants_tools(entry):
    """Tool conversations tried in order; the first the template renders is kept (templates differ in what an
    assistant tool-call message must carry)."""
    return [tool_turns(as_string, content)
            for content in [None, ("",), (None,)] for as_string in [False, True]]


def base_cases(entry):
    src = entry.get("template") or " ".join(t["template"] for t in entry["templates"])
    cases = []
    cases.append({"id": "plain", "messages": [u("Hello, how are you?"), a("I'm doing great. How can I help you today?")],
                  "add_generation_prompt": False})
    cases.append({"id": "plain-gen", "messages": [u("What is the capital of France?")], "add_generation_prompt": True})
    multi = [s(SYSTEM), u("What is the capital of France?"), a("The capital of France is Paris."),
             u("And of Japan?"), a("Tokyo."), u("Grüße! Say “hello” in 日本語 & <b>bold</b>, please.")]
    cases.append({"id": "system-multi-turn-gen", "messages": multi, "add_generation_prompt": True})
    cases.append({"id": "system-multi-turn", "messages": multi + [a("こんにちは — that is “hello”.")],
                  "add_generation_prompt": False})
    cases.append({"id": "multi-turn", "messages": [u("Hi!"), a("Hello! How can I help?"), u("Tell me a joke."),
                  a("Why did the scarecrow win an award? He was outstanding in his field."), u("Another one.")],
                  "add_generation_prompt": True})
    cases.append({"id": "continue-final-message",
                  "messages": [u("Write a haiku about autumn."), a("Crisp leaves drift slowly")],
                  "continue_final_message": True})
    if "tools" in src or "tool_calls" in src:
        cases.append({"id": "tools-definitions", "messages": [u("What's the weather like in Paris today?")],
                      "tools": TOOLS, "add_generation_prompt": True})
        cases.append({"id": "tools-call-result", "variants": variants_tools(entry), "tools": TOOLS,
                      "add_generation_prompt": True})
        cases.append({"id": "tools-call-result-system", "variants": [[s(SYSTEM)] + v for v in variants_tools(entry)],
                      "tools": TOOLS, "add_generation_prompt": False, "append": [a("It is 22.5 °C and sunny in Paris.")]})
    if "'functions'" in src or '"functions"' in src:
        functions = json.dumps([t["function"] for t in TOOLS], indent=4)
        cases.append({"id": "functions-role", "messages": [{"role": "functions", "content": functions}, s(SYSTEM),
                      u("What's the weather like in Paris today?")], "add_generation_prompt": True})
        cases.append({"id": "functions-role-multi-turn", "messages": [
            {"role": "functions", "content": functions}, s(SYSTEM), u("Hi!"), a("Hello! How can I help?"),
            u("What's the weather like in Paris today?")], "add_generation_prompt": False})
    if "parameter_definitions" in src:
        # Cohere's own tool format (its model card's example), which its tool_use template reads.
        cohere_tools = [
            {"name": "internet_search", "description": "Returns a list of relevant document snippets for a textual "
             "query retrieved from the internet", "parameter_definitions": {"query": {
                 "description": "Query to search the internet with", "type": "str", "required": True}}},
            {"name": "directly_answer", "description": "Calls a standard (un-augmented) AI chatbot to generate a "
             "response given the conversation history", "parameter_definitions": {}}]
        cases.append({"id": "tools-cohere-format", "messages": [s(SYSTEM), u("Whats the biggest penguin in the world?")],
                      "tools": cohere_tools, "add_generation_prompt": True})
        cases.append({"id": "tools-cohere-format-no-gen", "messages": [u("Whats the biggest penguin in the world?")],
                      "tools": cohere_tools, "add_generation_prompt": False})
    if "reasoning_effort" in src:
        cases.append({"id": "reasoning-effort", "messages": [s(SYSTEM), u("What is 2 + 2?")],
                      "add_generation_prompt": True, "variables": {"reasoning_effort": "high"}})
    if "tools" in src or "tool_calls" in src:
        # Arguments of every JSON type, as tojson / str() print them: floats in Python's repr (5.0, 1e+20, 1.5e-07),
        # an integer beyond 64 bits, true/false/null, nesting, non-ASCII and escapes.
        typed = {"symbol": "AAPL", "days": 5, "ratio": 5.0, "tiny": 1.5e-07, "huge": 1e20, "big": 12345678901234567890,
                 "negative": -0.25, "flag": True, "off": False, "nothing": None, "nested": {"list": [1, 2.5, "x", []],
                 "empty": {}}, "text": "naïve “quotes” \\ / \t tab <&> ☃"}
        cases.append({"id": "tools-call-typed-arguments", "variants": [
            [u("How is Apple's stock doing?"), {"role": "assistant", **content, "tool_calls": [
                {"id": CALL_ID, "type": "function", "function": {"name": "get_stock_price",
                 "arguments": json.dumps(typed, ensure_ascii=False) if as_string else typed}}]},
             {"role": "tool", "tool_call_id": CALL_ID, "name": "get_stock_price", "content": "231.4"}]
            for content in [{}, {"content": ""}, {"content": None}] for as_string in [False, True]],
            "tools": TOOLS, "add_generation_prompt": True})
    if entry["id"] in ("llama-3.1-8b", "qwen2.5-7b", "zephyr-7b-beta"):
        cases.append({"id": "variables-override-special-tokens", "messages": [u("Hello")], "add_generation_prompt": True,
                      "variables": {"bos_token": "<custom-bos>", "eos_token": "<custom-eos>", "custom_flag": True}})
    if "documents" in src:
        cases.append({"id": "documents", "messages": [u("Which city is the capital of France?")],
                      "documents": DOCUMENTS, "add_generation_prompt": True})
    if "enable_thinking" in src:
        cases.append({"id": "thinking-off", "messages": [u("What is 2 + 2?")], "add_generation_prompt": True,
                      "variables": {"enable_thinking": False}})
    if "reasoning_content" in src:
        cases.append({"id": "reasoning-content", "messages": [
            u("What is 2 + 2?"), {"role": "assistant", "content": "4.", "reasoning_content": "Two plus two is four."},
            u("And 3 + 3?"), {"role": "assistant", "content": "6.", "reasoning_content": "Three plus three is six."}],
            "add_generation_prompt": False})
    if "builtin_tools" in src:
        cases.append({"id": "builtin-tools", "messages": [s(SYSTEM), u("Search the web for the weather in Paris.")],
                      "tools": TOOLS, "add_generation_prompt": True,
                      "variables": {"builtin_tools": ["brave_search", "wolfram_alpha"], "tools_in_user_message": False}})
    if "date_string" in src:
        cases.append({"id": "date-string", "messages": [u("What is today's date?")], "add_generation_prompt": True,
                      "variables": {"date_string": "01 Jan 2030"}})
    if re.search(r"\[.type.\]|\.type\b|image", src):
        cases.append({"id": "content-parts", "messages": [
            {"role": "user", "content": [{"type": "image"}, {"type": "text", "text": "What is in this picture?"}]}],
            "add_generation_prompt": True})
    if "raise_exception" in src:
        cases.append({"id": "raises", "raise_variants": [
            {"messages": [u("Hello"), u("Are you there?")]},
            {"messages": [a("I speak first."), u("Hello")]},
            {"messages": [u("Hello"), a("Hi"), s("Late system message"), u("Bye")]},
            {"messages": [{"role": "narrator", "content": "Once upon a time"}, u("Hello")]},
            {"messages": [s("One"), s("Two"), u("Hello")]},
            {"messages": [u("What's the weather?"),
                          {"role": "assistant", "content": "", "tool_calls": [{"id": "bad", "type": "function",
                           "function": {"name": "get_current_weather", "arguments": {"location": "Paris"}}}]},
                          {"role": "tool", "tool_call_id": "bad", "content": "22"}], "tools": TOOLS},
            {"messages": [u("What's the weather?"),
                          {"role": "assistant", "content": "", "tool_calls": [
                              {"id": CALL_ID, "type": "function", "function": {"name": "a", "arguments": {}}},
                              {"id": "b2c3d4e5f", "type": "function", "function": {"name": "b", "arguments": {}}}]}],
             "tools": TOOLS},
            {"messages": [u("Hello")], "add_generation_prompt": False, "continue_final_message": False,
             "documents": [{"text": "no title"}]},
        ]})
    if has_generation(entry):
        cases.append({"id": "generation-spans-tools", "variants": [[s(SYSTEM)] + v for v in variants_tools(entry)],
                      "tools": TOOLS, "add_generation_prompt": False,
                      "append": [a("It is 22.5 °C and sunny in Paris.")]})
    return cases


def build(entry):
    """Turns the candidate cases into stored cases with expected outputs. Cases whose every variant fails with an
    error other than raise_exception (a conversation the template was not written for) are left out."""
    stored = []
    base_variables = entry.get("base_variables", {})
    for c in base_cases(entry):
        if has_generation(entry) and not c.get("continue_final_message"):
            c["return_assistant_tokens_mask"] = True  # ApplyWithSpans; the spans are pinned
        if base_variables:
            c["variables"] = {**base_variables, **c.get("variables", {})}
            for v in c.get("raise_variants", []):
                v["variables"] = {**base_variables, **v.get("variables", {})}
        if "raise_variants" in c:
            for v in c["raise_variants"]:
                case = {"id": "raises", **{k: v[k] for k in v}}
                if c.get("return_assistant_tokens_mask"):
                    case["return_assistant_tokens_mask"] = True
                case.setdefault("add_generation_prompt", True)
                try:
                    r = outcome(entry, case)
                except Exception:
                    continue
                if r.get("expected_error", {}).get("kind") == "raise_exception":
                    stored.append({**case, **r})
                    break
            continue
        candidates = []
        if "variants" in c:
            for v in c["variants"]:
                case = {k: x for k, x in c.items() if k not in ("variants", "append")}
                case["messages"] = v + c.get("append", [])
                candidates.append(case)
        else:
            candidates.append(c)
        for case in candidates:
            try:
                r = outcome(entry, case)
            except Exception:
                continue
            if r.get("expected_error", {}).get("kind") == "raise_exception" and c["id"] != "raises":
                continue
            stored.append(order(case, r))
            break
    if has_generation(entry):
        c = {"id": "continue-final-message-with-spans", "messages": [u("Write a haiku about autumn."),
             a("Crisp leaves drift slowly")], "continue_final_message": True, "return_assistant_tokens_mask": True}
        stored.append(order(c, outcome(entry, c)))
    if entry["id"] in ("qwen2.5-7b", "llama-3.1-8b", "mistral-nemo"):
        c = {"id": "continue-and-generation-prompt", "messages": [u("Hi"), a("Hello")], "add_generation_prompt": True,
             "continue_final_message": True}
        stored.append(order(c, outcome(entry, c)))
    if entry.get("templates"):
        # A named list: the name asked for wins over tools; documents alone select "default" (transformers'
        # get_chat_template looks at tools only).
        c = {"id": "named-documents-select-default", "messages": [u("Hello")], "documents": DOCUMENTS,
             "add_generation_prompt": True}
        stored.append(order(c, outcome(entry, c)))
        stored.append(order({"id": "named-default-explicit", "messages": [u("Hello")], "add_generation_prompt": True,
                             "tools": TOOLS, "template_name": "default"},
                            outcome(entry, {"messages": [u("Hello")], "add_generation_prompt": True, "tools": TOOLS,
                                            "template_name": "default"})))
    return stored


KEY_ORDER = ["id", "messages", "tools", "documents", "add_generation_prompt", "continue_final_message",
             "return_assistant_tokens_mask", "variables", "template_name"]


def order(case, result):
    out = {k: case[k] for k in KEY_ORDER if k in case}
    out.update(result)
    return out


def main():
    check = "--check" in sys.argv
    files = sorted(glob.glob(os.path.join(CORPUS, "*.json")))
    total = failures = 0
    for path in files:
        with open(path, encoding="utf-8") as f:
            entry = json.load(f)
        if check:
            for case in entry["cases"]:
                total += 1
                got = outcome(entry, case)
                want = {k: case[k] for k in ("expected", "expected_spans", "expected_error") if k in case}
                if got != want:
                    failures += 1
                    print(f"MISMATCH {entry['id']}/{case['id']}")
            continue
        cases = build(entry)
        seen = {}
        for case in cases:  # ids unique within a file
            n = seen.get(case["id"], 0)
            seen[case["id"]] = n + 1
            if n:
                case["id"] = f"{case['id']}-{n + 1}"
        entry["cases"] = cases
        total += len(cases)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(entry, f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"{len(files)} templates, {total} cases" + (f", {failures} mismatches" if check else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
