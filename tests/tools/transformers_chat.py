"""transformers' chat-template environment on Jinja2 3.1.6, shared by the two chat oracles (pin_chat_environment.py,
pin_chat_templates.py). Reproduced from huggingface/transformers, src/transformers/utils/chat_template_utils.py:
`_compile_jinja_template` (ImmutableSandboxedEnvironment with trim_blocks, lstrip_blocks, the AssistantTracker
extension and loopcontrols; the tojson filter replaced by json.dumps; the raise_exception and strftime_now globals)
and `AssistantTracker` ({% generation %}, whose output offsets are recorded while the tracker is active).
transformers is not installed here (no PyPI): this is its logic, not its code."""
import json
from contextlib import contextmanager

import jinja2
import jinja2.ext
import jinja2.nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment


class RaisedByTemplate(jinja2.exceptions.TemplateError):
    """What the template's raise_exception(message) raises (transformers raises TemplateError(message))."""


class AssistantTracker(Extension):
    tags = {"generation"}

    def __init__(self, environment):
        super().__init__(environment)
        environment.extend(activate_tracker=self.activate_tracker)
        self._rendered_blocks = None
        self._generation_indices = None

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return jinja2.nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    @jinja2.pass_eval_context
    def _generation_support(self, context, caller):
        rv = caller()
        if self.is_active():
            start_index = len("".join(self._rendered_blocks))
            self._generation_indices.append((start_index, start_index + len(rv)))
        return rv

    def is_active(self):
        # transformers' own test, truthiness: before anything is rendered the lists are empty and a generation block
        # at the very start of the output is not recorded (the .NET package records it: docs/chat-templates.md).
        return self._rendered_blocks or self._generation_indices

    @contextmanager
    def activate_tracker(self, rendered_blocks, generation_indices):
        try:
            if self.is_active():
                raise ValueError("AssistantTracker should not be reused before closed")
            self._rendered_blocks = rendered_blocks
            self._generation_indices = generation_indices
            yield
        finally:
            self._rendered_blocks = None
            self._generation_indices = None


def compile_template(source, now):
    """The template compiled in transformers' environment; strftime_now reads the fixed datetime `now`."""

    def raise_exception(message):
        raise RaisedByTemplate(message)

    def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
        return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)

    def strftime_now(format):
        return now.strftime(format)

    env = ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True,
                                        extensions=[AssistantTracker, jinja2.ext.loopcontrols])
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env.from_string(source)
