"""Scenario parameter overrides checked against the parameter's unit, and whether they can act.

Unit checks (issue 13 point 2): a tax rate written as 37 instead of 0.37 gave a net cost of
-EUR 84,856 mln; `toegangsgrens: .nan` and `dagen_per_maand: -21.75` were accepted. The allowed
range follows from the unit in the parameter's metadata (a scale bracket takes the scale's
`threshold_unit`, `rate_unit` or `amount_unit`) and, for the unitless `/1`, from the published
values: a share whose published values lie in [0, 1] stays in [0, 1]; a factor like 21.75 days per
month stays positive and at most 31 when it counts days.

Reach (same point): an override that starts after the scenario's month, ends before it, or sets a
parameter no formula reads at that month (`participatiewet.vakantietoeslag` is built into the
norms) changes nothing. That is a warning, and under `nlsz compare --strict` an error. Which
parameters the formulas read is measured, not guessed: every formula of the system is computed
with OpenFisca's tracer on a handful of varied households at that month. OpenFisca's tracer does
not record scales, so a scale counts as read when its name occurs in the package's source.
"""

from __future__ import annotations

import functools
import math
from pathlib import Path

from openfisca_core.parameters import ParameterNode, ParameterScale

from openfisca_nl_sz.input_ranges import MAX_AMOUNT

_BRACKET_KEYS = {"threshold": "threshold_unit", "rate": "rate_unit", "amount": "amount_unit"}


def _node(parameters, path: str):
    """The node at `path` (a Parameter, a scale bracket's Parameter, a ParameterScale or node)."""
    import re

    node = parameters
    for part in path.split("."):
        m = re.match(r"^([A-Za-z0-9_]+)\[(\d+)\]$", part)
        key = m.group(1) if m else part
        if not isinstance(node, ParameterNode) or key not in node.children:
            return None
        node = node.children[key]
        if m:
            if not isinstance(node, ParameterScale) or int(m.group(2)) >= len(node.brackets):
                return None
            node = node.brackets[int(m.group(2))]
    return node


def unit_of(parameters, path: str, parameter) -> str | None:
    """The unit of the parameter at `path`; for a scale bracket the scale's unit of that field."""
    unit = (getattr(parameter, "metadata", None) or {}).get("unit")
    if unit:
        return str(unit)
    if "[" in path:
        scale_path = path[: path.rindex("[")]
        field = path.rsplit(".", 1)[-1]
        scale = _node(parameters, scale_path)
        metadata = getattr(scale, "metadata", None) or {}
        unit = metadata.get(_BRACKET_KEYS.get(field, ""))
        if unit is None and field == "rate":
            unit = "/1"
        return str(unit) if unit else None
    return None


def _published(parameter) -> list[float]:
    values = []
    for item in getattr(parameter, "values_list", []) or []:
        value = item.value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values.append(float(value))
    return values


def allowed_range(parameters, path: str, parameter) -> tuple[float, float, str]:
    """(low, high, meaning) for a numeric override of the parameter at `path`."""
    unit = unit_of(parameters, path, parameter)
    published = _published(parameter)
    low_pub = min(published) if published else 0.0
    high_pub = max(published) if published else 0.0
    last = path.rsplit(".", 1)[-1]
    if unit == "percent":
        return 0.0, 100.0, "a percentage"
    if unit and unit.startswith("currency"):
        return (-MAX_AMOUNT if low_pub < 0 else 0.0), float(MAX_AMOUNT), "an amount in euros"
    if unit == "year":
        return 0.0, 120.0, "a number of years"
    if unit == "month":
        return 0.0, 1200.0, "a number of months"
    if unit == "hour":
        return 0.0, 168.0, "hours per week"
    if unit == "/1":
        if "dagen" in last:
            return 1.0, 31.0, "a number of days per month"
        if 0 <= low_pub and high_pub <= 1:
            return 0.0, 1.0, "a rate or share (0.37 means 37 %)"
        if -1 <= low_pub and high_pub <= 1:
            return -1.0, 1.0, "a rate (0.37 means 37 %)"
        if low_pub > 0:
            return 0.0, 10 * high_pub, f"a positive factor (published: {low_pub:g} to {high_pub:g})"
        return -10 * max(abs(low_pub), abs(high_pub)), 10 * max(abs(low_pub), abs(high_pub)), "a factor"
    if published and low_pub >= 0:
        return 0.0, float(MAX_AMOUNT), "a number of at least 0"
    return -float(MAX_AMOUNT), float(MAX_AMOUNT), "a number"


def check_value(parameters, path: str, parameter, value) -> str | None:
    """None if `value` fits the parameter, else what is allowed (one sentence)."""
    published = [v.value for v in getattr(parameter, "values_list", []) or [] if v.value is not None]
    if published and all(isinstance(v, bool) for v in published):
        return None if isinstance(value, bool) else f"{path} is true/false, got {value!r}"
    unit = unit_of(parameters, path, parameter)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{path} is a number ({unit or 'no unit'}), got {str(value)[:40]!r}"
    low, high, meaning = allowed_range(parameters, path, parameter)
    try:
        number = float(value)
    except OverflowError:
        number = math.inf
    if not math.isfinite(number):
        return f"{path} is {meaning}: must be a finite number in [{low:g}, {high:g}], got {value}"
    if not low <= number <= high:
        hint = ""
        if (low, high) == (0.0, 1.0) and 1 < number <= 100:
            hint = f" (a rate is a fraction: write {number / 100:g} for {number:g} %)"
        return f"{path} is {meaning}: must be in [{low:g}, {high:g}], got {value}{hint}"
    return None


# ---------------------------------------------------------------------------------------------
# reach: does any formula read the parameter at the month computed?

def _households(period: str) -> dict:
    """A few varied households that together run every branch of the rules: a WGA person with a
    working partner and children, a person past the AOW age, a WW claimant with a medebewoner, an IVA
    parent with a student child, a young person with bijstand."""
    return {
        "personen": {
            "a": {"leeftijd": 45, "loon": 600, "arbeidsongeschiktheidspercentage": 50, "wia_dagloon": 140, "wia_maanden_sinds_aanvang": 30},
            "b": {"leeftijd": 40, "loon": 1500},
            "c": {"leeftijd": 8},
            "d": {"leeftijd": 17},
            "e": {"leeftijd": 68, "vermogen": 5000},
            "f": {"leeftijd": 30, "ww_dagloon": 100, "arbeidsongeschiktheidspercentage": 30, "wia_dagloon": 100},
            "g": {"leeftijd": 25, "loon": 800},
            "h": {"leeftijd": 55, "arbeidsongeschiktheidspercentage": 90, "wia_duurzaam": True, "wia_dagloon": 200, "wia_maanden_sinds_aanvang": 3},
            "i": {"leeftijd": 20, "studeert_met_studiefinanciering": True},
            "j": {"leeftijd": 19},
            "k": {"leeftijd": 35, "loon": 900},
            "l": {"leeftijd": 3},
        },
        "huishoudens": {
            "h1": {"aanvragers": ["a"], "partners": ["b"], "kinderen": ["c", "d"], "huur": 700},
            "h2": {"aanvragers": ["e"], "huur": 500},
            "h3": {"aanvragers": ["f"], "medebewoners": ["g"], "huur": 800},
            "h4": {"aanvragers": ["h"], "kinderen": ["i"], "huur": 600},
            "h5": {"aanvragers": ["j"], "huur": 450},
            "h6": {"aanvragers": ["k"], "kinderen": ["l"], "huur": 900, "servicekosten": 40},
        },
    }


def parameters_read(system, period: str) -> set[str]:
    """Names of the parameters the formulas of `system` read at `period` (YYYY-MM)."""
    return _parameters_read_cached(system, period)


@functools.lru_cache(maxsize=16)
def _parameters_read_cached(system, period: str) -> frozenset:
    from openfisca_core.simulations import SimulationBuilder

    builder = SimulationBuilder()
    builder.set_default_period(period)
    simulation = builder.build_from_entities(system, _households(period))
    simulation.trace = True
    for name, variable in system.variables.items():
        if not variable.formulas:
            continue
        kind = str(variable.definition_period).lower()
        at = period if kind.endswith("month") else period[:4] if kind.endswith("year") else period
        try:
            simulation.calculate(name, at)
        except Exception:  # a variable that cannot be computed alone here reads nothing we can see
            continue
    names: set[str] = set()

    def walk(node):
        for parameter in node.parameters:
            names.add(parameter.name)
        for child in node.children:
            walk(child)

    for tree in simulation.tracer.trees:
        walk(tree)
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def _source_text() -> str:
    root = Path(__file__).resolve().parents[2]
    texts = []
    for folder in (root / "variables", root / "openfisca_nl_sz"):
        for file in folder.rglob("*.py"):
            try:
                texts.append(file.read_text(encoding="utf-8"))
            except OSError:
                continue
    return "\n".join(texts)


def is_read(system, path: str, period: str) -> bool:
    """True if some formula reads the parameter at `path` when computing `period`."""
    if "[" in path:  # a scale bracket: the tracer does not record scales
        scale = path[: path.index("[")]
        return scale.rsplit(".", 1)[-1] in _source_text()
    read = parameters_read(system, period)
    if path in read:
        return True
    # a node read as a whole (vectorial access, e.g. norms by a code) covers its leaves
    parts = path.split(".")
    return any(".".join(parts[:i]) in read for i in range(1, len(parts)))


def override_warnings(system, overrides, period: str) -> list[tuple[int, str]]:
    """(index, message) for each override that changes nothing when computing `period`."""
    month_start = f"{period}-01"
    out = []
    for index, override in enumerate(overrides):
        if override.start > month_start:
            out.append((index, f"{override.path} starts on {override.start}, after the scenario's month {period}; it changes nothing here"))
        elif override.stop is not None and override.stop < month_start:
            out.append((index, f"{override.path} stops on {override.stop}, before the scenario's month {period}; it changes nothing here"))
        elif not is_read(system, override.path, period):
            out.append((index, f"no formula reads {override.path} in {period}; the override changes nothing"))
    return out
