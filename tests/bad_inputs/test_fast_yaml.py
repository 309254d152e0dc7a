"""validation/fast_yaml.py reads plain YAML documents from libyaml's events; PyYAML reads the rest.

The rule it must keep: whatever it reads is exactly what PyYAML (with this project's strict loader)
reads — the same values of the same types in the same order — and whatever PyYAML refuses, it
leaves to PyYAML. Checked on every YAML file of the project and on generated documents full of
scalars YAML 1.1 reads in surprising ways.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_nl_sz.validation import fast_yaml, loading

ROOT = Path(__file__).resolve().parents[2]
ERROR = object()


def _fast(text: str, max_nodes: int = loading.CALC_MAX_NODES):
    return fast_yaml.load(text, loading._StrictLoader, loading._misread_number, max_nodes)


def _pyyaml(text: str):
    """PyYAML's reading with the project's strict loader (repeated keys and misread numbers refused)."""
    loader = loading._StrictLoader(text)
    try:
        return loader.get_single_data()
    except Exception:  # noqa: BLE001 - any refusal counts as one
        return ERROR
    finally:
        loader.dispose()


def _same(a, b) -> bool:
    """Equal values of identical types (1, 1.0 and True are == in Python, but not the same input)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[key], b[key]) for key in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return a == b


def _project_yaml_files() -> list[Path]:
    folders = ("examples", "scenarios", "tests", "parameters")
    return sorted(path for folder in folders for path in (ROOT / folder).rglob("*.yaml"))


def test_every_yaml_file_of_the_project_reads_as_pyyaml_reads_it():
    files = _project_yaml_files()
    read_here = 0
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        fast = _fast(text)
        if fast is None:
            continue
        read_here += 1
        slow = _pyyaml(text)
        assert slow is not ERROR, f"{path}: read here but refused by PyYAML"
        assert _same(fast, slow), path
    # the fast reader is really used: situations, scenarios and tests are mostly plain documents
    # (the parameters have dates as keys and the bad inputs are often refused: both go to PyYAML)
    assert len(files) > 400 and read_here > 250, (read_here, len(files))


def test_what_it_leaves_to_pyyaml():
    assert _fast("a: &x 1\nb: *x\n") is None  # anchors and aliases
    assert _fast("a: !!str 1\n") is None  # explicit tags
    assert _fast("base: &b {x: 1}\nc:\n  <<: *b\n") is None  # merge keys
    assert _fast("a: 1\na: 2\n") is None  # a repeated key: PyYAML words the error
    assert _fast("loon: 0650\n") is None  # a number YAML misreads: refused by PyYAML's path
    assert _fast("? [a, b]\n: 1\n") is None  # a complex key
    assert _fast("a: 1\n---\nb: 2\n") is None  # two documents
    assert _fast("datum: 2026-01-15\n") is None  # a date
    assert _fast("a: [1, 2\n") is None  # a syntax error
    assert _fast("") is None and _fast("~\n") is None  # no value
    assert _fast("[" * 200 + "]" * 200) is None  # deeper than fast_yaml.MAX_DEPTH
    assert _fast("[1, 2, 3]", max_nodes=3) is None and _fast("[1, 2]", max_nodes=3) == [1, 2]


def test_a_plain_situation_is_read_here_with_its_types():
    text = ("personen:\n  anna:\n    leeftijd: 45\n    loon: 2000.5\n    wia_duurzaam: yes\n    vermogen: ~\n"
            "    naam: '0650'\n  2: {leeftijd: 30}\nhuishoudens:\n  h: {aanvragers: [anna], huur: 1_000}\n")
    value = _fast(text)
    assert _same(value, {"personen": {"anna": {"leeftijd": 45, "loon": 2000.5, "wia_duurzaam": True, "vermogen": None,
                                               "naam": "0650"}, 2: {"leeftijd": 30}},
                         "huishoudens": {"h": {"aanvragers": ["anna"], "huur": 1000}}}), value
    assert _same(value, _pyyaml(text))


# -- generated documents ----------------------------------------------------------------------------

#: Plain scalars YAML 1.1 reads as text, null, booleans, numbers in several bases, dates, merge
#: and value keys; each also appears single- and double-quoted.
TOKENS = ["650", "0650", "007", "-010", "0_650", "1_000", "1:30", "190:20:30", "12:60", "0x2D", "0b11", "0o17",
          "1.5", "0650.5", ".5", "1.", "1e3", "1.5e+3", "-1.5E-3", ".inf", "-.Inf", ".NaN", "yes", "No", "on", "OFF",
          "y", "true", "FALSE", "~", "null", "Null", "2026-01", "2026-01-15", "2026-01-15 10:00:00", "anna", "a b",
          "<<", "=", "0", "00", "+12", "-0", "1__0", "€ 650", "#", "-"]
scalars = st.one_of(
    st.sampled_from(TOKENS),
    st.sampled_from(TOKENS).map(lambda token: "'" + token.replace("'", "''") + "'"),
    st.sampled_from(TOKENS).map(json.dumps),
)
keys = st.one_of(st.sampled_from(["a", "b", "loon", "1", "2026-01", "true", "~", "<<", "0650", "x y"]), scalars)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4).map(lambda items: ("list", items)),
                               st.lists(st.tuples(keys, children), max_size=4).map(lambda pairs: ("map", pairs))),
    max_leaves=20,
)


def _render(tree, indent: int = 0, flow: bool = False) -> str:
    """YAML text of a generated tree: block style, or flow style when `flow`."""
    if isinstance(tree, str):
        return tree
    kind, items = tree
    if flow or not items:
        if kind == "list":
            return "[" + ", ".join(_render(item, flow=True) for item in items) + "]"
        return "{" + ", ".join(f"{key}: {_render(value, flow=True)}" for key, value in items) + "}"
    pad = " " * indent
    lines = []
    for item in items:
        key, value = (None, item) if kind == "list" else item
        head = f"{pad}- " if kind == "list" else f"{pad}{key}:"
        if isinstance(value, str) or not value[1]:
            lines.append(f"{head} {_render(value)}".rstrip() + "\n")
        else:
            lines.append(head.rstrip() + "\n" + _render(value, indent + 2))
    return "".join(lines)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(tree=trees, flow=st.booleans())
def test_a_generated_document_reads_as_pyyaml_reads_it_or_is_left_to_pyyaml(tree, flow):
    text = _render(tree, flow=flow)
    fast = _fast(text)
    if fast is None:
        return
    slow = _pyyaml(text)
    assert slow is not ERROR, text
    assert _same(fast, slow), (text, fast, slow)


@pytest.mark.parametrize("persons", [2_000])
def test_a_large_situation_reads_as_pyyaml_reads_it(persons):
    lines = ["personen:"]
    for index in range(persons):
        lines += [f"  p{index}:", f"    leeftijd: {20 + index % 60}", f"    loon: {index * 1.25:.2f}"]
    lines += ["huishoudens:"] + [f"  h{index}: {{aanvragers: [p{index}], huur: {400 + index % 500}}}" for index in range(persons)]
    text = "\n".join(lines) + "\n"
    fast = _fast(text)
    assert fast is not None and _same(fast, _pyyaml(text))
