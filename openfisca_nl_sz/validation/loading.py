"""Reading YAML and JSON input files safely: a size limit before parsing, no duplicate keys, no
alias bombs, no non-finite numbers hidden in the text.

Why each rule:
- A size limit *before* parsing, so that a 2 GB file or a hostile web request is refused at once
  instead of filling the memory.
- A repeated key (`loon: 2000` twice in one mapping) is refused: YAML and JSON parsers silently keep
  the last one, so the analyst would compute something other than what the file seems to say.
- YAML anchors and aliases are allowed (they are handy in configs), but the document is refused
  when its fully expanded size exceeds `MAX_NODES`: nine nested aliases of nine items each
  ("billion laughs") are a few hundred bytes and expand to 10^9 values.
- A plain YAML number that YAML 1.1 (PyYAML) reads as another number than its digits say to a
  person is refused: `0650` is octal (424), `1:30` is base 60 (90), `0x2D` hexadecimal (45), `0b101`
  binary (5). A rent typed with a leading zero, or hours typed as 7:30, would otherwise be computed
  silently with the wrong amount. (JSON has no such readings: it refuses a leading zero itself.)
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import yaml

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.validation import fast_yaml

#: Largest input file or request body read, in bytes. A household situation is a few hundred
#: bytes; a scan config or scenario a few kilobytes.
MAX_BYTES = 1_000_000
#: Largest number of values a document may expand to (aliases counted as often as they are used).
MAX_NODES = 200_000
#: The limits for `nlsz calc`, which reads a local file and builds it in linear time
#: (situation.build_from_arrays): a situation of 50,000 persons is about 5 MB of JSON and, in YAML,
#: about a million values. Scan configs, scenarios and the web API keep the limits above.
CALC_MAX_BYTES = 16_000_000
CALC_MAX_NODES = 4_000_000


def _first_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return (text or type(error).__name__)[:160]


# libyaml's parser where PyYAML has it (the PyYAML wheels bundle it): the same Python constructor
# and resolver, so the same values, read 4x faster; a situation of 50,000 persons took 6 s to parse
# in pure Python (issue 14 point 4)
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_BaseLoader):
    """SafeLoader that refuses repeated keys in a mapping, and numbers YAML 1.1 misreads."""


_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


def _misread_number(loader, node) -> str | None:
    """What is wrong with a plain scalar that YAML 1.1 reads as another number than a person would
    (see the module's docstring), or None when its reading is the decimal one."""
    if not isinstance(node, yaml.ScalarNode) or node.tag not in _NUMBER_TAGS or node.style:
        return None
    digits = node.value.replace("_", "").lstrip("+-")
    if ":" in digits:
        why, example = "a:b as a number in base 60", "1.5 for one and a half"
    elif digits[:2].lower() == "0x":
        why, example = "0x... as a hexadecimal number", "45"
    elif digits[:2].lower() == "0b":
        why, example = "0b... as a binary number", "5"
    elif node.tag == _NUMBER_TAGS[0] and len(digits) > 1 and digits[0] == "0" and int(digits, 8) != int(digits):
        why, example = "a whole number with a leading 0 as octal", node.value.replace("_", "")[: -len(digits)] + str(int(digits))
    else:
        return None
    construct = yaml.SafeLoader.construct_yaml_int if node.tag == _NUMBER_TAGS[0] else yaml.SafeLoader.construct_yaml_float
    reading = construct(loader, node)
    reading = reading if isinstance(reading, int) else f"{reading:g}"
    return (f"{node.value} would be read as {reading} (YAML reads {why}); "
            f"allowed: a plain decimal number, e.g. {example}")


class _MisreadNumber(Exception):
    def __init__(self, field: str, line: int, problem: str):
        self.field = field
        self.line = line
        self.problem = problem
        super().__init__(problem)


def _construct_number(loader, node):
    """The int and float constructors: a misread number anywhere (a list item too) is refused."""
    problem = _misread_number(loader, node)
    if problem is not None:
        raise _MisreadNumber(f"line {node.start_mark.line + 1}", node.start_mark.line + 1, problem)
    if node.tag == _NUMBER_TAGS[0]:
        return yaml.SafeLoader.construct_yaml_int(loader, node)
    return yaml.SafeLoader.construct_yaml_float(loader, node)


def _construct_mapping(loader, node, deep=False):
    seen = {}
    # explicit keys only: a key that overrides one merged in with `<<: *anchor` is legitimate YAML
    for key_node, value_node in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(None, None, "a mapping key must be text or a number", key_node.start_mark)
        if key in seen:
            raise _DuplicateKey(str(key), key_node.start_mark.line + 1)
        seen[key] = True
        problem = _misread_number(loader, value_node)
        if problem is not None:  # named by its key here; _construct_number catches the others
            raise _MisreadNumber(str(key), value_node.start_mark.line + 1, problem)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
for _tag in _NUMBER_TAGS:
    _StrictLoader.add_constructor(_tag, _construct_number)


class _DuplicateKey(Exception):
    def __init__(self, key: str, line: int | None = None):
        self.key = key
        self.line = line
        super().__init__(key)


def _expanded_size(node, memo: dict, depth: int = 0) -> int:
    """How many values the composed YAML node stands for once every alias is expanded."""
    key = id(node)
    if key in memo:
        return memo[key]
    if depth > 200:
        raise _TooDeep()
    if isinstance(node, yaml.MappingNode):
        size = 1 + sum(_expanded_size(k, memo, depth + 1) + _expanded_size(v, memo, depth + 1) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        size = 1 + sum(_expanded_size(item, memo, depth + 1) for item in node.value)
    else:
        size = 1
    memo[key] = size
    return size


class _TooDeep(Exception):
    pass


def _json_object(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _json_constant(name):
    raise ValueError(f"{name} is not a number JSON allows; give a finite number")


def parse_text(text: str, kind: str, source: str, *, max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES):
    """Parse `text` as "JSON" or "YAML" under the rules above; InputError names the problem."""
    if len(text.encode("utf-8", errors="replace")) > max_bytes:
        raise InputError(source, "file", f"is larger than {max_bytes:,} bytes; allowed: at most {max_bytes:,} bytes")
    try:
        if kind == "JSON":
            return json.loads(text, object_pairs_hook=_json_object, parse_constant=_json_constant)
        # a plain document straight from libyaml's events (fast_yaml.py); anything else, every
        # error included, is read by PyYAML below
        value = fast_yaml.load(text, _StrictLoader, _misread_number, max_nodes)
        if value is not None:
            return value
        loader = _StrictLoader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            try:
                size = _expanded_size(node, {})
            except (_TooDeep, RecursionError):
                raise InputError(source, "file", "nests deeper than 200 levels; allowed: a plain mapping of a few levels")
            if size > max_nodes:
                raise InputError(
                    source, "file",
                    f"expands to {size:,} values through YAML aliases; allowed: at most {max_nodes:,} (is it an alias bomb?)",
                )
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except _MisreadNumber as error:
        field = error.field if error.field.startswith("line ") else f"{error.field} (line {error.line})"
        raise InputError(source, field, error.problem)
    except _DuplicateKey as error:
        where = f" (line {error.line})" if error.line else ""
        raise InputError(source, str(error.key), f"is given twice in one mapping{where}; allowed: each key once")
    except (json.JSONDecodeError, ValueError) as error:
        raise InputError(source, "file", f"is not valid {kind}: {_first_line(error)}")
    except yaml.YAMLError as error:
        raise InputError(source, "file", f"is not valid {kind}: {_first_line(error)}")
    except RecursionError:
        raise InputError(source, "file", "nests too deep; allowed: a plain mapping of a few levels")


def load_file(path, source: str | None = None, kind: str | None = None, *,
              max_bytes: int = MAX_BYTES, max_nodes: int = MAX_NODES):
    """Read and parse a YAML or JSON file (JSON when the name ends in .json)."""
    source = str(source or path)
    file = Path(path)
    try:
        if not file.is_file():
            raise InputError(source, "file", "does not exist or is not a file")
        size = file.stat().st_size
    except OSError as error:
        raise InputError(source, "file", f"cannot be read ({error.strerror or error})")
    if size > max_bytes:
        raise InputError(source, "file", f"is {size:,} bytes; allowed: at most {max_bytes:,} bytes")
    kind = kind or ("JSON" if file.suffix.lower() == ".json" else "YAML")
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "file", f"is not a UTF-8 text file; allowed: a {kind} file")
    except OSError as error:
        raise InputError(source, "file", f"cannot be read ({error.strerror or error})")
    return parse_text(text, kind, source, max_bytes=max_bytes, max_nodes=max_nodes)


def finite_or_none(value):
    """The float value if it is a finite number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        number = float(value)
    except OverflowError:
        return None
    return number if math.isfinite(number) else None
