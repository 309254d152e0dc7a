"""Reading a plain YAML document from libyaml's events, without PyYAML's node graph (issue 14 point 4).

Why: PyYAML, even with libyaml, builds a node object per value and then constructs the value from
it; for a situation of 50,000 persons (4 MB, half a million values) that took 4.5 s, while libyaml
itself produces all the events of that document in 0.4 s. Here the values are built straight from
the events: the same dicts, lists, strings and numbers, about four times faster.

Only plain documents are read here: mappings, lists and scalars, with no anchor, alias, explicit
tag, merge key (`<<`), complex key or second document, no repeated key and no number YAML would
misread (loading.py), at most `max_nodes` values and 150 levels deep, and no scalar of a kind
other than text, null, true/false, whole or decimal number. For anything else `load` answers
None and the caller reads the text with PyYAML (loading.parse_text), which then gives its own
value or its own one-line error; so every error message is the same as before, and every value
read here is the value PyYAML gives (tests/bad_inputs/test_fast_yaml.py compares both on every
YAML file of the project and on generated documents).

Scalars are resolved exactly as PyYAML's resolver does (its own implicit resolvers, by first
character) and constructed by PyYAML's own constructors.
"""

from __future__ import annotations

import yaml
from yaml.events import (
    AliasEvent,
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

#: Deeper documents are left to PyYAML, which refuses those over 200 levels with its own message.
MAX_DEPTH = 150

_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _NotPlain(Exception):
    """Something `load` leaves to PyYAML."""


class _Reader:
    def __init__(self, loader_class, number_check):
        self.loader_class = loader_class
        self.resolvers = loader_class.yaml_implicit_resolvers
        self.constructor = loader_class("")  # PyYAML's constructors, used on single scalar nodes
        self.number_check = number_check
        self.scalars: dict = {}

    def resolve(self, value: str) -> str:
        """The tag PyYAML's resolver gives a plain scalar (Resolver.resolve, without path resolvers)."""
        resolvers = self.resolvers.get(value[0] if value else "", [])
        for tag, regexp in resolvers + self.resolvers.get(None, []):
            if regexp.match(value):
                return tag
        return _STR

    def scalar(self, event: ScalarEvent):
        if event.anchor is not None or (event.tag is not None and event.tag != "!"):
            raise _NotPlain()
        plain = event.implicit[0]
        key = (event.value, plain)
        value = self.scalars.get(key, self)
        if value is not self:
            return value
        tag = self.resolve(event.value) if plain else _STR
        if tag == _STR:
            value = event.value
        elif tag == _NULL:
            value = None
        elif tag == _BOOL:
            value = self.constructor.construct_yaml_bool(ScalarNode(tag, event.value))
        elif tag in (_INT, _FLOAT):
            node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
            if self.number_check(self.constructor, node) is not None:
                raise _NotPlain()  # a number YAML would misread: PyYAML's path words the error
            construct = self.constructor.construct_yaml_int if tag == _INT else self.constructor.construct_yaml_float
            value = construct(node)
        else:  # a date, a merge key, a value key: PyYAML's
            raise _NotPlain()
        self.scalars[key] = value
        return value


_NO_KEY = object()


def load(text: str, loader_class, number_check, max_nodes: int):
    """The value of a plain YAML document (see above), or None to leave `text` to PyYAML.

    (A document whose value is null is left to PyYAML too, so None always means "not read here".)"""
    reader = _Reader(loader_class, number_check)
    # each open collection: [container, the key waiting for its value or _NO_KEY]
    stack: list[list] = []
    result = _NO_KEY
    nodes = 0
    documents = 0
    try:
        for event in yaml.parse(text, Loader=loader_class):
            kind = type(event)
            if kind is ScalarEvent:
                value = reader.scalar(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None or not event.implicit:
                    raise _NotPlain()
                if stack and type(stack[-1][0]) is dict and stack[-1][1] is _NO_KEY:
                    raise _NotPlain()  # a mapping or list as a key
                nodes += 1
                stack.append([{} if kind is MappingStartEvent else [], _NO_KEY])
                if len(stack) > MAX_DEPTH:
                    raise _NotPlain()
                continue
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                value = stack.pop()[0]
                # the collection is attached to its parent below, as a value; it was counted at its start
                nodes -= 1
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _NotPlain()
                continue
            elif kind is StreamStartEvent or kind is DocumentEndEvent or kind is StreamEndEvent:
                continue
            else:  # an alias, or an event this reader does not know
                raise _NotPlain()
            nodes += 1
            if nodes > max_nodes:
                raise _NotPlain()
            if not stack:
                result = value
                continue
            top = stack[-1]
            container = top[0]
            if type(container) is list:
                container.append(value)
            elif top[1] is _NO_KEY:
                if value in container or (type(value) is str and value == "<<"):
                    raise _NotPlain()  # a repeated key (PyYAML words it), or a merge key written as text
                top[1] = value
            else:
                container[top[1]] = value
                top[1] = _NO_KEY
    except (_NotPlain, yaml.YAMLError, TypeError, ValueError, RecursionError):
        return None
    if result is _NO_KEY or result is None or documents != 1:
        return None
    return result
