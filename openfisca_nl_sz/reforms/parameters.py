"""Parameter overrides: change legal parameters by dotted path for a date range.

A scenario's `reform.parameters` is a list of `{path, value, start, stop}`. Paths are OpenFisca
parameter names (`wia.toegangsgrens`, `participatiewet.vermogensgrens.alleenstaande`); a scale
bracket is addressed as `wia.vervolguitkering.percentage[1].amount`. Validation happens against the
baseline system so that a typo gets the nearest existing names as a suggestion.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from openfisca_core import periods
from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale
from openfisca_core.reforms import Reform

from openfisca_nl_sz.errors import InputError

_BRACKET = re.compile(r"^(?P<name>[A-Za-z0-9_]+)\[(?P<index>\d+)\]$")


@dataclass(frozen=True)
class ParameterOverride:
    path: str
    value: float | int | bool
    start: str               # YYYY-MM-DD, first day the value holds
    stop: str | None = None  # YYYY-MM-DD, last day it holds (inclusive); None = open-ended


def leaf_paths(node, prefix: str = "") -> list[str]:
    """Every overridable parameter path under `node` (scale brackets as name[i].amount)."""
    out = []
    if isinstance(node, ParameterNode):
        for key, child in node.children.items():
            out += leaf_paths(child, f"{prefix}.{key}" if prefix else key)
    elif isinstance(node, ParameterScale):
        for i, bracket in enumerate(node.brackets):
            for key in bracket.children:
                out.append(f"{prefix}[{i}].{key}")
    elif isinstance(node, Parameter):
        out.append(prefix)
    return out


def find(parameters, path: str):
    """The Parameter at `path`, or None."""
    node = parameters
    for part in path.split("."):
        m = _BRACKET.match(part)
        key = m.group("name") if m else part
        if isinstance(node, ParameterNode) and key in node.children:
            node = node.children[key]
        else:
            return None
        if m:
            if not isinstance(node, ParameterScale) or int(m.group("index")) >= len(node.brackets):
                return None
            node = node.brackets[int(m.group("index"))]
    return node if isinstance(node, Parameter) else None


def _value_at(parameter: Parameter, date: str):
    for v in parameter.values_list:  # newest first
        if v.instant_str <= date:
            return v.value
    return parameter.values_list[-1].value if parameter.values_list else None


def check_override(parameters, raw: dict, index: int, source: str, default_start: str) -> ParameterOverride:
    """Validate one `{path, value, start, stop}` item; InputError names the field and what is allowed."""
    field = f"reform.parameters[{index}]"
    if not isinstance(raw, dict):
        raise InputError(source, field, "must be a mapping with keys path, value, start (optional), stop (optional)")
    unknown = set(raw) - {"path", "value", "start", "stop", "reason"}
    if unknown:
        raise InputError(source, f"{field}.{sorted(unknown)[0]}", "unknown key; allowed: path, value, start, stop, reason")
    path = raw.get("path")
    if not isinstance(path, str) or not path:
        raise InputError(source, f"{field}.path", "must be a dotted parameter path such as wia.toegangsgrens")
    parameter = find(parameters, path)
    if parameter is None:
        near = difflib.get_close_matches(path, leaf_paths(parameters), n=3, cutoff=0.6)
        if not near:  # try the last part alone, e.g. "toegangsgrens"
            last = path.split(".")[-1]
            near = [p for p in leaf_paths(parameters) if p.split(".")[-1] == last][:3]
        hint = f"; nearest existing: {', '.join(near)}" if near else ""
        raise InputError(source, f"{field}.path", f"unknown parameter {path!r}{hint}")
    start = raw.get("start", default_start)
    stop = raw.get("stop")
    for key, value in (("start", start), ("stop", stop)):
        if value is None and key == "stop":
            continue
        value = str(value)
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise InputError(source, f"{field}.{key}", f"must be a date YYYY-MM-DD, got {value!r}")
        try:
            periods.instant(value)
        except Exception:
            raise InputError(source, f"{field}.{key}", f"not a valid date: {value!r}") from None
    start = str(start)
    stop = None if stop is None else str(stop)
    if stop is not None and stop < start:
        raise InputError(source, f"{field}.stop", f"must be on or after start ({start}), got {stop}")
    if "value" not in raw:
        raise InputError(source, f"{field}.value", "missing")
    value = raw["value"]
    # the unit decides the range: rates in [0, 1], percentages in [0, 100], days, amounts, scale
    # brackets too; never NaN or inf (issue 13 point 2)
    from openfisca_nl_sz.validation.parameters import check_value

    problem = check_value(parameters, path, parameter, value)
    if problem:
        raise InputError(source, f"{field}.value", problem)
    return ParameterOverride(path=path, value=value, start=start, stop=stop)


def apply_overrides(baseline, overrides):
    """A Reform of `baseline` with every override applied through modify_parameters."""
    overrides = list(overrides)

    def modify(parameters):
        for o in overrides:
            parameter = find(parameters, o.path)
            start = periods.instant(o.start)
            stop = periods.instant(o.stop) if o.stop else None
            parameter.update(start=start, stop=stop, value=o.value)
        return parameters

    class ParameterOverrides(Reform):
        name = "Parameter overrides: " + ", ".join(f"{o.path}={o.value}" for o in overrides)

        def apply(self):
            self.modify_parameters(modifier_function=modify)

    return ParameterOverrides(baseline)
