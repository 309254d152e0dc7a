"""The scan configuration: thresholds, axes, starting households and the search budget.

Loaded from YAML (default: scenarios/scan_default.yaml) and checked field by field, so that a wrong
config stops with one line naming the field and what is allowed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.detect import Thresholds
from openfisca_nl_sz.search.household import Household, Member
from openfisca_nl_sz.situation import check_period

DEFAULT_CONFIG = "scan_default.yaml"
ROLES = ("aanvrager", "partner", "kind", "medebewoner")

THRESHOLD_FIELDS = {
    ("cliff", "min_change"): "cliff_min_change",
    ("inkomensval", "min_loss"): "inkomensval_min_loss",
    ("hoge_marginale_druk", "rate"): "marginale_druk_rate",
    ("hoge_marginale_druk", "min_band"): "marginale_druk_min_band",
    ("hoge_marginale_druk", "regeling_rate"): "marginale_druk_regeling_rate",
    ("onder_sociaal_minimum", "min_shortfall"): "sociaal_minimum_min_shortfall",
    ("samenloop", "min_interaction"): "samenloop_min_interaction",
}
AXIS_FIELDS = {"low", "high", "resolution", "points", "integer", "members", "requires"}
TOP_FIELDS = {"period", "periods", "seed", "budget_seconds", "max_examples", "thresholds", "axes", "compositions",
              "templates", "search", "description"}


@dataclass
class AxisSpec:
    variable: str
    low: float
    high: float
    resolution: float
    points: int
    integer: bool
    members: tuple
    requires: str | None

    def for_member(self, member: str | None, points: int | None = None) -> Axis:
        return Axis(self.variable, member, self.low, self.high, self.resolution, points or self.points, self.integer)


@dataclass
class ScanConfig:
    source: str
    period: str
    seed: int
    budget_seconds: float
    max_examples: int
    thresholds: Thresholds
    axes: list[AxisSpec]
    compositions: dict[str, Member]
    templates: list[tuple[str, Household]]
    hypothesis: bool = True
    search_points: int = 61
    raw: dict = field(default_factory=dict)
    #: Every month scanned (the rules of each); `period` is the first.
    periods: list = field(default_factory=list)

    def __post_init__(self):
        if not self.periods:
            self.periods = [self.period]

    def axes_for(self, household: Household, points: int | None = None) -> list[Axis]:
        """Every axis that applies to this household: each axis variable for each member it concerns."""
        axes = []
        for spec in self.axes:
            if spec.members == ("huishouden",):
                axes.append(spec.for_member(None, points))
                continue
            for member in household.members:
                if member.role not in spec.members and member.id not in spec.members:
                    continue
                if spec.requires and not member.inputs.get(spec.requires):
                    continue
                axes.append(spec.for_member(member.id, points))
        for role, joining in self.compositions.items():
            axis = Axis("samenstelling", None, 0, 1, 1, 2, True, joining=joining)
            if axis.applies_to(household):
                axes.append(axis)
        return axes

    def to_json(self) -> dict:
        return {"source": self.source, **self.raw}


def _number(source, field, value, low=None, high=None, integer=False):
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (not integer or float(value).is_integer())
    allowed = "a whole number" if integer else "a number"
    if low is not None and high is not None:
        allowed += f" from {low:g} to {high:g}"
    elif low is not None:
        allowed += f" of at least {low:g}"
    if not ok:
        raise InputError(source, field, f"{value!r} is not {allowed.split(' from')[0].split(' of at')[0]}; allowed: {allowed}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(source, field, f"{value!r} is out of range; allowed: {allowed}")
    return int(value) if integer else float(value)


def _household(source, field, data, system) -> Household:
    if not isinstance(data, dict) or "members" not in data:
        raise InputError(source, field, "a template needs 'members' (a list of {id, role, inputs})")
    members = []
    for index, item in enumerate(data["members"]):
        where = f"{field}.members[{index}]"
        if not isinstance(item, dict) or "id" not in item or item.get("role") not in ROLES:
            raise InputError(source, where, f"needs an id and a role; allowed roles: {', '.join(ROLES)}")
        inputs = item.get("inputs") or {}
        _check_inputs(source, where + ".inputs", inputs, system, "persoon")
        members.append(Member(str(item["id"]), item["role"], dict(inputs)))
    if sum(1 for m in members if m.role == "aanvrager") != 1:
        raise InputError(source, field, "needs exactly one member with role aanvrager")
    inputs = data.get("inputs") or {}
    _check_inputs(source, field + ".inputs", inputs, system, "huishouden")
    return Household(members, dict(inputs))


def _check_inputs(source, field, inputs, system, entity):
    from openfisca_nl_sz.input_ranges import check_value

    if not isinstance(inputs, dict):
        raise InputError(source, field, "must be a mapping of variable: value")
    for name, value in inputs.items():
        if name not in system.variables:
            raise InputError(source, f"{field}.{name}", "unknown variable; see `nlsz variables`")
        if system.variables[name].entity.key != entity:
            raise InputError(source, f"{field}.{name}", f"is a variable of {system.variables[name].entity.key}, not of {entity}")
        problem = check_value(name, value)
        if problem:
            raise InputError(source, f"{field}.{name}", problem)


def load_config(path: str | None, system) -> ScanConfig:
    file = Path(path) if path else data_dir("scenarios") / DEFAULT_CONFIG
    source = str(path or f"scenarios/{DEFAULT_CONFIG}")
    if not file.is_file():
        raise InputError(source, "file", "does not exist or is not a file")
    try:
        raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise InputError(source, "file", f"is not valid YAML: {str(error).splitlines()[0]}")
    if not isinstance(raw, dict):
        raise InputError(source, "file", "must be a mapping")
    return parse_config(raw, source, system)


def parse_config(raw: dict, source: str, system) -> ScanConfig:
    unknown = set(raw) - TOP_FIELDS
    if unknown:
        raise InputError(source, sorted(unknown)[0], f"unknown field; allowed: {', '.join(sorted(TOP_FIELDS))}")
    if "periods" in raw:
        if not isinstance(raw["periods"], list) or not raw["periods"]:
            raise InputError(source, "periods", "must be a non-empty list of months (YYYY-MM)")
        periods = [check_period(source, f"periods[{i}]", p) for i, p in enumerate(raw["periods"])]
        if "period" in raw:
            raise InputError(source, "period", "give either period or periods, not both; allowed: one of the two")
    else:
        periods = [check_period(source, "period", raw.get("period", "2026-01"))]
    if len(set(periods)) != len(periods):
        raise InputError(source, "periods", "a month is listed twice")
    period = periods[0]
    seed = _number(source, "seed", raw.get("seed", 0), 0, integer=True)
    budget = _number(source, "budget_seconds", raw.get("budget_seconds", 240), 1)
    max_examples = _number(source, "max_examples", raw.get("max_examples", 100), 0, integer=True)

    thresholds = Thresholds()
    given = raw.get("thresholds") or {}
    if not isinstance(given, dict):
        raise InputError(source, "thresholds", "must be a mapping of kind: {field: number}")
    kinds = {kind for kind, _ in THRESHOLD_FIELDS}
    for kind, values in given.items():
        if kind not in kinds:
            raise InputError(source, f"thresholds.{kind}", f"unknown kind; allowed: {', '.join(sorted(kinds))}")
        if not isinstance(values, dict):
            raise InputError(source, f"thresholds.{kind}", "must be a mapping of field: number")
        for name, value in values.items():
            if (kind, name) not in THRESHOLD_FIELDS:
                allowed = [f for k, f in THRESHOLD_FIELDS if k == kind]
                raise InputError(source, f"thresholds.{kind}.{name}", f"unknown field; allowed: {', '.join(allowed)}")
            high = 10.0 if name in ("rate", "regeling_rate") else None
            setattr(thresholds, THRESHOLD_FIELDS[(kind, name)], _number(source, f"thresholds.{kind}.{name}", value, 0, high))

    axes = []
    given_axes = raw.get("axes") or []
    if not isinstance(given_axes, list):
        raise InputError(source, "axes", "must be a list of {variable, low, high, resolution, points, members}")
    for index, spec in enumerate(given_axes):
        if not isinstance(spec, dict) or "variable" not in spec:
            raise InputError(source, f"axes[{index}]", "needs a 'variable' (the input varied along the axis)")
        spec = dict(spec)
        name = spec.pop("variable")
        field = f"axes[{index}] ({name})"
        if name not in system.variables:
            raise InputError(source, field, "unknown axis: not a variable of the system; see `nlsz variables`")
        if system.variables[name].formulas and name not in ("resterende_verdiencapaciteit",):
            raise InputError(source, field, "an axis must be an input variable, not a computed one")
        extra = set(spec) - AXIS_FIELDS
        if extra:
            raise InputError(source, f"{field}.{sorted(extra)[0]}", f"unknown field; allowed: {', '.join(sorted(AXIS_FIELDS))}")
        low = _number(source, f"{field}.low", spec.get("low", 0))
        high = _number(source, f"{field}.high", spec.get("high", 100), low)
        is_person = system.variables[name].entity.is_person
        members = tuple(spec.get("members", ("aanvrager",) if is_person else ("huishouden",)))
        axes.append(AxisSpec(
            variable=name, low=low, high=high,
            resolution=_number(source, f"{field}.resolution", spec.get("resolution", 1), 0.01),
            points=_number(source, f"{field}.points", spec.get("points", int(min(high - low, 120)) + 1), 2, 2000, integer=True),
            integer=bool(spec.get("integer", system.variables[name].value_type is int)),
            members=members, requires=spec.get("requires"),
        ))

    compositions = {}
    for role, inputs in (raw.get("compositions") or {}).items():
        if role not in ("partner", "medebewoner", "kind"):
            raise InputError(source, f"compositions.{role}", "allowed: partner, medebewoner, kind")
        _check_inputs(source, f"compositions.{role}", inputs or {}, system, "persoon")
        compositions[role] = Member(f"nieuwe_{role}", role, dict(inputs or {}))

    templates = []
    for index, item in enumerate(raw.get("templates") or []):
        field = f"templates[{index}]"
        templates.append((str(item.get("name", field)) if isinstance(item, dict) else field, _household(source, field, item, system)))

    search = raw.get("search") or {}
    return ScanConfig(
        source=source, period=period, periods=periods, seed=seed, budget_seconds=budget, max_examples=max_examples,
        thresholds=thresholds, axes=axes, compositions=compositions, templates=templates,
        hypothesis=bool(search.get("hypothesis", True)),
        search_points=_number(source, "search.points", search.get("points", 61), 5, 1000, integer=True),
        raw=raw,
    )
