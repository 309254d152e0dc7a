"""The thresholds the encoded legislation holds, read from parameters/ (issue 11 point 5).

The scan's axes must reach every threshold of the law: an asset limit the axis stops before is a
harm no one will see. So the ranges come from the law itself. The parameter tree is walked at the
first day of each scanned month and every parameter (or bracket of a scale) that is a *threshold on
an input* is classified by its unit, its name and its place in the tree:

| dimension | what counts | axis | where on the axis |
|---|---|---|---|
| vermogen | currency, path holds `vermogensgrens` | `vermogen` | the amount |
| huur | currency, huurtoeslag `maximale_huurgrens`, `kwaliteitskortingsgrens`, `aftoppingsgrens` | `huur` | the amount |
| inkomen | currency scale brackets (tax, arbeidskorting) and names with `drempel`, `afbouwpunt`, `inkomensijkpunt`, `_inkomen`, `vrijstelling` (yearly amounts) | `loon` | amount / 12 / 1,08: the monthly wage whose yearly wage incl. vakantiebijslag reaches it |
| inkomen | Participatiewet vrijlating `maximum` (monthly) | `loon` | maximum / percentage: the earnings at which the vrijlating is used up |
| dagloon | `wfsv.maximum_dagloon` | `wia_dagloon` | the amount |
| leeftijd | unit year, not a number of years of work; birth years become the age in the period's year | `leeftijd` | the age |
| ao | unit percent under `wia` or named `grens…arbeidsongeschiktheid` | `arbeidsongeschiktheidspercentage` | the percentage |
| maanden | unit month (not a rate `per_jaar`) | the months input of the regeling (`wia_…`, `ww_…`, `pw_vrijlating_…`, `tw_vrijlating_…`) | the months |
| arbeidsverleden | unit year named `jaren…` | `wia_arbeidsverleden_jaren` / `ww_arbeidsverleden_jaren` | the years |

Amounts that are not thresholds (norms, benefit amounts, maxima of a credit), rates, hours and
thresholds on a computed amount (e.g. the Awir minimum payout) are not counted. A threshold of 0 is
not in force (e.g. a maximum that no longer exists).

`extend` pushes each axis far enough to reach every threshold of its dimension plus a margin (10%
for money, 2 units for ages, months and years) and puts the thresholds themselves on the grid
(`Axis.law_points`), so each is crossed exactly. One exception, written out: the adults' age axis
stops one year before the AOW age as long as the AOW does not reach besteedbaar inkomen (a scan past
it would report the AOW's absence as a harm); once it does, it runs to 3 years past the AOW age (70).
`coverage` reports which thresholds the scan crossed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openfisca_core.parameters import Parameter, ParameterNode, ParameterScale

INCOME_DIVISOR = 12 * 1.08  # yearly amount → monthly wage incl. vakantiebijslag (the contract's convention)
MONTH_AXES = {
    "wia": "wia_maanden_sinds_aanvang",
    "ww": "ww_maanden_sinds_aanvang",
    "participatiewet.vrijlating.arbeid": "pw_vrijlating_maanden_gebruikt",
    "participatiewet.vrijlating.alleenstaande_ouder": "pw_vrijlating_r_maanden_gebruikt",
    "toeslagenwet.vrijlating": "tw_vrijlating_maanden_gebruikt",
}
WORK_YEARS_AXES = {"wia": "wia_arbeidsverleden_jaren", "ww": "ww_arbeidsverleden_jaren"}
INCOME_WORDS = ("drempel", "afbouwpunt", "inkomensijkpunt", "_inkomen", "vrijstelling")
HUUR_WORDS = ("maximale_huurgrens", "kwaliteitskortingsgrens", "aftoppingsgrens")
#: Margin past the highest threshold: money a share, the others whole units.
MONEY_MARGIN, UNIT_MARGIN = 0.10, 2
#: How far the adults' age axis runs past the AOW age once the AOW is in besteedbaar inkomen.
PAST_AOW = 3


@dataclass(frozen=True)
class LegalThreshold:
    parameter: str
    value: float
    unit: str
    dimension: str
    axis: str  # the input variable whose axis crosses it
    at: float  # where it lies on that axis

    def to_json(self, crossed: bool | None = None) -> dict:
        data = {"parameter": self.parameter, "value": _num(self.value), "unit": self.unit, "dimension": self.dimension,
                "axis": self.axis, "at": _num(round(self.at, 2))}
        if crossed is not None:
            data["crossed"] = crossed
        return data


def _num(value):
    value = float(value)
    return int(value) if value.is_integer() else value


def _walk(node, name=""):
    if isinstance(node, ParameterNode):
        for key, child in node.children.items():
            yield from _walk(child, f"{name}.{key}" if name else key)
    else:
        yield name, node


def _prefixed(name: str, table: dict) -> str | None:
    best = None
    for prefix, axis in table.items():
        if (name == prefix or name.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, axis)
    return best[1] if best else None


def _classify(name: str, unit: str, value: float, year: int, siblings) -> tuple | None:
    """(dimension, axis, position on the axis) of one threshold, or None when it is not one."""
    leaf = name.rsplit(".", 1)[-1]
    if unit == "currency-EUR":
        if "vermogensgrens" in name:
            return "vermogen", "vermogen", value
        if name.startswith("huurtoeslag.") and any(word in name for word in HUUR_WORDS):
            return "huur", "huur", value
        if name == "wfsv.maximum_dagloon":
            return "dagloon", "wia_dagloon", value
        if name.startswith("participatiewet.vrijlating.") and leaf == "maximum":
            percentage = siblings.get("percentage")
            if percentage:
                return "inkomen", "loon", value / percentage
            return None
        if any(word in leaf for word in INCOME_WORDS):
            return "inkomen", "loon", value / INCOME_DIVISOR
        return None
    if unit == "year":
        if value > 1900:  # a birth year: the age it means in this year
            return "leeftijd", "leeftijd", float(year - value)
        if "jaren" in leaf:
            axis = _prefixed(name, WORK_YEARS_AXES)
            return ("arbeidsverleden", axis, value) if axis else None
        return "leeftijd", "leeftijd", value
    if unit == "month":
        if "per_jaar" in leaf:
            return None
        axis = _prefixed(name, MONTH_AXES)
        return ("maanden", axis, value) if axis else None
    if unit == "percent" and (name.startswith("wia.") or "arbeidsongeschiktheid" in name):
        return "ao", "arbeidsongeschiktheidspercentage", value
    return None


def thresholds_in_force(system, period: str) -> list[LegalThreshold]:
    """Every threshold on an input that the parameters hold on the first day of `period`."""
    instant = f"{str(period)[:7]}-01"
    year = int(instant[:4])
    found = []
    for name, node in _walk(system.parameters):
        metadata = getattr(node, "metadata", None) or {}
        if isinstance(node, Parameter):
            unit = metadata.get("unit")
            try:
                value = node(instant)
            except Exception:  # not in force at this instant
                continue
            if value is None or isinstance(value, bool) or not isinstance(value, (int, float)) or value == 0:
                continue
            parent = name.rsplit(".", 1)[0]
            siblings = {}
            if unit == "currency-EUR" and name.startswith("participatiewet.vrijlating."):
                node_of_parent = system.parameters
                for part in parent.split("."):
                    node_of_parent = node_of_parent.children.get(part) if isinstance(node_of_parent, ParameterNode) else None
                percentage = node_of_parent.children.get("percentage") if isinstance(node_of_parent, ParameterNode) else None
                if isinstance(percentage, Parameter):
                    siblings = {"percentage": float(percentage(instant))}
            kind = _classify(name, unit, float(value), year, siblings)
            if kind:
                found.append(LegalThreshold(name, float(value), unit, *kind))
        elif isinstance(node, ParameterScale):
            unit = metadata.get("threshold_unit") or ("currency-EUR" if metadata.get("unit") == "currency-EUR" else None)
            for index, bracket in enumerate(node.brackets):
                try:
                    value = float(bracket.threshold(instant))
                except Exception:
                    continue
                if value == 0:
                    continue
                if unit == "currency-EUR":
                    kind = ("inkomen", "loon", value / INCOME_DIVISOR)
                else:
                    kind = _classify(f"{name}.bracket", unit, value, year, {})
                if kind:
                    found.append(LegalThreshold(f"{name}[{index}]", value, unit, *kind))
    return sorted(found, key=lambda t: (t.dimension, t.parameter))


def aow_reaches_besteedbaar_inkomen(system, period: str) -> bool:
    """Whether the AOW is paid and counted: a single without income at the AOW age has an
    `aow_uitkering` and a besteedbaar inkomen at least that of the year before (then the scan may
    walk past the AOW age without reporting the AOW's absence)."""
    if "aow_uitkering" not in system.variables:
        return False
    from openfisca_nl_sz.search.evaluate import Evaluator
    from openfisca_nl_sz.search.household import Household, Member

    age = aow_age(system, period)
    if age is None:
        return False
    evaluator = Evaluator(system, period)
    households = [Household([Member("aanvrager", "aanvrager", {"leeftijd": a})], {}) for a in (age - 1, age)]
    try:
        values = evaluator.evaluate(households, ["aow_uitkering", "besteedbaar_inkomen"])
    except Exception:
        return False
    return bool(values["aow_uitkering"][1] > 0 and values["besteedbaar_inkomen"][1] >= values["besteedbaar_inkomen"][0] - 1)


def aow_age(system, period: str) -> int | None:
    try:
        return int(math.ceil(system.parameters.aow.pensioengerechtigde_leeftijd(f"{str(period)[:7]}-01")))
    except Exception:
        return None


def extend(axes, system, periods) -> dict:
    """Push each axis to reach every threshold of its input in any period, and put the thresholds on
    its grid. Returns {"age_cap": …, "aow_in_model": …} for findings.json."""
    thresholds = [t for period in periods for t in thresholds_in_force(system, period)]
    ages = [aow_age(system, p) for p in periods]
    ages = [a for a in ages if a is not None]
    aow_in_model = bool(ages) and aow_reaches_besteedbaar_inkomen(system, periods[0])
    age_cap = None
    if ages:
        age_cap = max(ages) + PAST_AOW if aow_in_model else min(ages) - 1
    by_axis: dict[str, list[float]] = {}
    for threshold in thresholds:
        by_axis.setdefault(threshold.axis, []).append(threshold.at)
    for variable, positions in by_axis.items():
        specs = [spec for spec in axes if spec.variable == variable]
        if not specs:
            continue
        widest = max(specs, key=lambda spec: spec.high)
        reachable = [p for p in positions if variable != "leeftijd" or age_cap is None or p <= age_cap]
        if reachable:
            top = max(reachable)
            if widest.integer:
                needed = math.ceil(top) + UNIT_MARGIN
            else:
                needed = math.ceil(top * (1 + MONEY_MARGIN) / widest.resolution) * widest.resolution
            if variable == "arbeidsongeschiktheidspercentage":
                needed = min(needed, 100)
            if variable == "leeftijd" and age_cap is not None:
                needed = min(needed, age_cap)
            if needed > widest.high:
                if widest.integer:
                    widest.points = int(min(needed - widest.low, 120)) + 1
                widest.high = float(needed)
        if variable == "leeftijd" and age_cap is not None and aow_in_model:
            widest.high = max(widest.high, float(age_cap))
            widest.points = int(min(widest.high - widest.low, 120)) + 1
        for spec in specs:
            points = set()
            for p in positions:
                if spec.integer:
                    upper = float(math.ceil(p))
                else:
                    upper = math.ceil(p / spec.resolution) * spec.resolution
                step = 1 if spec.integer else spec.resolution
                # both kinds of test: "at least T" jumps at T − 1 → T, "more than T" at T → T + 1
                for q in (upper - step, upper, upper + step):
                    if spec.low <= q <= spec.high:
                        points.add(round(q, 2))
            spec.law_points = tuple(sorted(points))
    return {"age_cap": age_cap, "aow_in_model": aow_in_model}


def coverage(system, periods, reach: dict) -> dict:
    """Threshold coverage: which thresholds in force the scan crossed.

    `reach[(period, variable)]` lists the (lowest, highest) axis values the scan evaluated on
    households that can exist. A threshold at position t on its axis is crossed when one scanned
    range has points below and above it (low < t < high), so both sides were evaluated whether the
    law's test is "at least t" or "more than t".
    Counted per parameter and per scanned month.
    """
    rows = []
    for period in periods:
        for threshold in thresholds_in_force(system, period):
            ranges = reach.get((period, threshold.axis), [])
            crossed = any(low < threshold.at < high for low, high in ranges)
            rows.append((period, threshold, crossed))
    in_force = len(rows)
    crossed = sum(1 for _, _, c in rows if c)
    return {
        "thresholds_in_force": in_force,
        "crossed": crossed,
        "share": round(crossed / in_force, 4) if in_force else 1.0,
        "definition": "a threshold is crossed when the scan evaluated plausible households on both sides of it "
                      "on the axis of its input (counted per parameter and per scanned month)",
        "not_crossed": [{"period": p, **t.to_json()} for p, t, c in rows if not c],
        "thresholds": [{"period": p, **t.to_json(c)} for p, t, c in rows],
    }
