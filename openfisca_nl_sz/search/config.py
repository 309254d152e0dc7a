"""The scan configuration: thresholds, axes, starting households and the search budget.

Loaded from YAML (default: scenarios/scan_default.yaml) and checked field by field against the
model before any work, so that a wrong config stops with one line naming the field and what is
allowed (issue 13 point 2): numbers finite and in range (`min_change: .nan` switched cliff detection
off), booleans real booleans (`"no"` read as true), axis members, roles and `requires` naming what
exists (`members: [buurman]` gave 0 findings with exit 0), axis ranges inside the input's range (a
`loon` axis from -5000 "found" a marginal-rate harm), and every template a valid household for every
month scanned (`validation.validate_situation`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.search.axes import Axis
from openfisca_nl_sz.search.detect import Thresholds
from openfisca_nl_sz.search.household import Household, Member
from openfisca_nl_sz.situation import check_period
from openfisca_nl_sz.validation.situations import ADULT_AGE

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
              "templates", "search", "description",
              "grades", "expected",  # grades/expected: the report's grades and checklist (search/cards.py)
              "population", "law_ranges"}  # issue 11 point 5: starting households from the population, ranges from the law
POPULATION_FIELDS = {"households", "seed"}


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
    #: The legal thresholds on this axis and their neighbours (set by law_thresholds.extend).
    law_points: tuple = ()

    def for_member(self, member: str | None, points: int | None = None) -> Axis:
        return Axis(self.variable, member, self.low, self.high, self.resolution, points or self.points, self.integer,
                    law_points=self.law_points)


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
    #: How many households of the synthetic population join the templates as starting households.
    population_households: int = 4
    population_seed: int | None = None
    #: What law_thresholds.extend decided (the age cap and whether the AOW is in the model).
    law: dict = field(default_factory=dict)

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

    def population_templates(self, system) -> list[tuple[str, Household]]:
        """A handful of seeded households of the synthetic population (issue 11 point 5), as starting
        households next to the config's templates; only plausible ones (they all are by construction)."""
        if self.population_households <= 0:
            return []
        from openfisca_nl_sz.plausibility import plausible
        from openfisca_nl_sz.population.generator import generate
        from openfisca_nl_sz.search.diff import population_cases

        seed = self.seed if self.population_seed is None else self.population_seed
        synthetic = generate(max(50, self.population_households), seed=seed)
        population = synthetic.restricted_to(system.variables)
        cases = population_cases(self, population, self.population_households, seed)
        out = []
        for name, household, _ in cases:
            if all(plausible([household], system, period)[0] for period in self.periods):
                out.append((name, household))
        return out


#: Upper bound of any € threshold (per month): far above any benefit, finite.
MAX_THRESHOLD = 1_000_000
#: Keys of the `search` block.
SEARCH_FIELDS = {"hypothesis", "points"}
#: Roles that are adults in a household: their age axis starts at validation.situations.ADULT_AGE.
ADULT_ROLES = ("aanvrager", "partner")


def _number(source, field, value, low=None, high=None, integer=False):
    import math

    ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    if ok:
        try:
            ok = math.isfinite(float(value)) and (not integer or float(value).is_integer())
        except OverflowError:
            ok = False
    allowed = "a whole number" if integer else "a number"
    if low is not None and high is not None:
        allowed += f" from {low:,.10g} to {high:,.10g}"
    elif low is not None:
        allowed += f" of at least {low:,.10g}"
    elif high is not None:
        allowed += f" of at most {high:,.10g}"
    if not ok:
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:37] + "..."
        kind = "a finite number" if allowed.startswith("a number") else allowed.split(" from")[0].split(" of at")[0]
        raise InputError(source, field, f"{shown} is not {kind}; allowed: {allowed}")
    if (low is not None and value < low) or (high is not None and value > high):
        raise InputError(source, field, f"{value!r} is out of range; allowed: {allowed}")
    return int(value) if integer else float(value)


def _axis_members(source, field, members, is_person, template_ids) -> list:
    """The members an axis applies to: roles or template member ids for a person's input,
    `huishouden` for a household's input. A name that matches nothing is refused (it gave 0
    findings with exit 0)."""
    if isinstance(members, str):
        members = [members]
    if not isinstance(members, (list, tuple)) or not members:
        raise InputError(source, field, "must be a non-empty list; allowed: " + (", ".join(ROLES) + " or a template member id" if is_person else "[huishouden]"))
    out = []
    for member in members:
        if is_person:
            if not isinstance(member, str) or (member not in ROLES and member not in template_ids):
                ids = ", ".join(sorted(template_ids)[:8])
                raise InputError(source, field, f"{member!r} is neither a role nor a template member; allowed: {', '.join(ROLES)}" + (f" or {ids}" if ids else ""))
        elif member != "huishouden":
            raise InputError(source, field, f"{member!r}: the input is a household's; allowed: huishouden")
        out.append(member)
    return out


def _household(source, field, data, system, periods) -> Household:
    from openfisca_nl_sz.validation import validate_situation

    if not isinstance(data, dict) or not isinstance(data.get("members"), list) or not data["members"]:
        raise InputError(source, field, "a template needs 'members' (a non-empty list of {id, role, inputs})")
    unknown = set(data) - {"name", "members", "inputs"}
    if unknown:
        raise InputError(source, f"{field}.{sorted(map(str, unknown))[0]}", "unknown field; allowed: name, members, inputs")
    members = []
    for index, item in enumerate(data["members"]):
        where = f"{field}.members[{index}]"
        if not isinstance(item, dict) or "id" not in item or item.get("role") not in ROLES:
            raise InputError(source, where, f"needs an id and a role; allowed roles: {', '.join(ROLES)}")
        member_id = item["id"]
        if isinstance(member_id, bool) or not isinstance(member_id, (str, int)) or not str(member_id).strip():
            raise InputError(source, f"{where}.id", f"{member_id!r} is not a usable id; allowed: a name or a whole number")
        if any(m.id == str(member_id) for m in members):
            raise InputError(source, f"{where}.id", f"{member_id!r} is used twice; allowed: each member id once")
        inputs = item.get("inputs") or {}
        _check_inputs(source, where + ".inputs", inputs, system, "persoon")
        members.append(Member(str(member_id), item["role"], dict(inputs)))
    if sum(1 for m in members if m.role == "aanvrager") != 1:
        raise InputError(source, field, "needs exactly one member with role aanvrager")
    for role in ("partner",):
        if sum(1 for m in members if m.role == role) > 1:
            raise InputError(source, field, f"has more than one {role}; allowed: at most one")
    inputs = data.get("inputs") or {}
    _check_inputs(source, field + ".inputs", inputs, system, "huishouden")
    household = Household(members, dict(inputs))
    # the same rules as `nlsz calc` and the web API, for every month scanned: an age for everyone,
    # an adult aanvrager, no computed variables as inputs
    situation = household.to_situation(periods[0])
    try:
        for period in periods:
            validate_situation(system, household.to_situation(period), period, source)
    except InputError as error:
        raise InputError(source, f"{field}.{_template_field(error.field, situation, household)}", error.problem) from None
    return household


def _template_field(field: str, situation: dict, household: Household) -> str:
    """A situation field (personen.aanvrager.leeftijd) said the way the config writes it."""
    parts = field.split(".")
    if parts[0] == "personen" and len(parts) >= 2:
        for index, member in enumerate(household.members):
            if member.id == parts[1]:
                rest = ".".join(parts[2:3])
                return f"members[{index}].inputs" + (f".{rest}" if rest else "")
    if parts[0] == "huishoudens" and len(parts) >= 3:
        return "inputs." + parts[2]
    return field


def _check_inputs(source, field, inputs, system, entity):
    from openfisca_nl_sz.input_ranges import check_value
    from openfisca_nl_sz.validation.situations import _check_type, accepts_input

    if not isinstance(inputs, dict):
        raise InputError(source, field, "must be a mapping of variable: value")
    for name, value in inputs.items():
        if not isinstance(name, str) or name not in system.variables:
            raise InputError(source, f"{field}.{name}", "unknown variable; see `nlsz variables`")
        variable = system.variables[name]
        if variable.entity.key != entity:
            raise InputError(source, f"{field}.{name}", f"is a variable of {variable.entity.key}, not of {entity}")
        if not accepts_input(system, name):
            raise InputError(source, f"{field}.{name}", "is computed by the rules, not an input; allowed: an input variable, see `nlsz variables --defaults`")
        if isinstance(value, dict):
            raise InputError(source, f"{field}.{name}", "must be one value (the months are set by period/periods); allowed: a plain value")
        problem = _check_type(variable, value)
        if problem is None and variable.value_type in (int, float):
            if isinstance(value, str):
                raise InputError(source, f"{field}.{name}", f"{value!r} is text; allowed: a number without quotes")
            problem = check_value(name, value, variable)
        if problem:
            raise InputError(source, f"{field}.{name}", problem)


def load_config(path: str | None, system) -> ScanConfig:
    file = Path(path) if path else data_dir("scenarios") / DEFAULT_CONFIG
    source = str(path or f"scenarios/{DEFAULT_CONFIG}")
    if not file.is_file():
        raise InputError(source, "file", "does not exist or is not a file")
    from openfisca_nl_sz.validation.loading import load_file

    # size limit, no repeated keys, no alias bombs (issue 13)
    raw = load_file(file, source=source, kind="YAML")
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
    seed = _number(source, "seed", raw.get("seed", 0), 0, 2**32 - 1, integer=True)
    budget = _number(source, "budget_seconds", raw.get("budget_seconds", 240), 1, 7 * 24 * 3600)
    max_examples = _number(source, "max_examples", raw.get("max_examples", 100), 0, 1_000_000, integer=True)

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
            high = 10.0 if name in ("rate", "regeling_rate") else MAX_THRESHOLD
            setattr(thresholds, THRESHOLD_FIELDS[(kind, name)], _number(source, f"thresholds.{kind}.{name}", value, 0, high))

    templates = []
    given_templates = raw.get("templates") or []
    if not isinstance(given_templates, list):
        raise InputError(source, "templates", "must be a list of {name, members, inputs}")
    for index, item in enumerate(given_templates):
        field = f"templates[{index}]"
        name = item.get("name", field) if isinstance(item, dict) else field
        if not isinstance(name, str):
            raise InputError(source, f"{field}.name", f"{name!r} is not text; allowed: a short title")
        templates.append((name, _household(source, field, item, system, periods)))
    template_ids = {m.id for _, household in templates for m in household.members}

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
        if not isinstance(name, str) or name not in system.variables:
            raise InputError(source, field, "unknown axis: not a variable of the system; see `nlsz variables`")
        from openfisca_nl_sz.validation.situations import accepts_input

        if not accepts_input(system, name):
            raise InputError(source, field, "an axis must be an input variable, not a computed one; see `nlsz variables --defaults`")
        extra = set(spec) - AXIS_FIELDS
        if extra:
            raise InputError(source, f"{field}.{sorted(extra)[0]}", f"unknown field; allowed: {', '.join(sorted(AXIS_FIELDS))}")
        variable = system.variables[name]
        if variable.value_type not in (int, float):
            raise InputError(source, field, f"an axis varies a number; {name} is {variable.value_type.__name__}")
        from openfisca_nl_sz.input_ranges import allowed_range

        is_person = variable.entity.is_person
        members = spec.get("members", ["aanvrager"] if is_person else ["huishouden"])
        members = tuple(_axis_members(source, f"{field}.members", members, is_person, template_ids))
        min_low, max_high = allowed_range(name, variable)
        if name == "leeftijd" and all(m in ADULT_ROLES for m in members):
            min_low = ADULT_AGE  # an aanvrager or partner is an adult
        low = _number(source, f"{field}.low", spec.get("low", 0), min_low, max_high)
        high = _number(source, f"{field}.high", spec.get("high", 100), low, max_high)
        if high <= low:
            raise InputError(source, f"{field}.high", f"{high:g} is not above low ({low:g}); allowed: a number above low, up to {max_high:g}")
        requires = spec.get("requires")
        if requires is not None:
            if not isinstance(requires, str) or requires not in system.variables:
                raise InputError(source, f"{field}.requires", f"{requires!r} is not a variable; allowed: an input of the member, e.g. wia_dagloon")
            if system.variables[requires].entity.key != variable.entity.key:
                raise InputError(source, f"{field}.requires", f"{requires} is a variable of {system.variables[requires].entity.key}; allowed: an input of {variable.entity.key}")
        integer = spec.get("integer", variable.value_type is int)
        if not isinstance(integer, bool):
            raise InputError(source, f"{field}.integer", f"{integer!r} is not allowed; allowed: true or false")
        axes.append(AxisSpec(
            variable=name, low=low, high=high,
            resolution=_number(source, f"{field}.resolution", spec.get("resolution", 1), 0.01),
            points=_number(source, f"{field}.points", spec.get("points", int(min(high - low, 120)) + 1), 2, 2000, integer=True),
            integer=integer,
            members=members, requires=requires,
        ))

    compositions = {}
    given_compositions = raw.get("compositions") or {}
    if not isinstance(given_compositions, dict):
        raise InputError(source, "compositions", "must be a mapping of role: {inputs}; allowed roles: partner, medebewoner, kind")
    for role, inputs in given_compositions.items():
        if role not in ("partner", "medebewoner", "kind"):
            raise InputError(source, f"compositions.{role}", "unknown role; allowed: partner, medebewoner, kind")
        _check_inputs(source, f"compositions.{role}", inputs or {}, system, "persoon")
        if "leeftijd" not in (inputs or {}):
            raise InputError(source, f"compositions.{role}.leeftijd", "is missing; give the age of the person who joins (0 to 120)")
        if role == "partner" and (inputs or {}).get("leeftijd", 18) < ADULT_AGE:
            raise InputError(source, f"compositions.{role}.leeftijd", f"a partner is {ADULT_AGE} or older")
        compositions[role] = Member(f"nieuwe_{role}", role, dict(inputs or {}))

    from openfisca_nl_sz.search.cards import check_expected, check_grades  # issue 11: validated here, used by cards
    check_grades(raw.get("grades"), source)
    check_expected(raw.get("expected"), source)

    from openfisca_nl_sz.plausibility import problems

    for index, (name, household) in enumerate(templates):
        for period in periods:
            reasons = problems(household, system, period)
            if reasons:
                raise InputError(source, f"templates[{index}]", f"this household cannot exist in {period} ({'; '.join(reasons)}); "
                                 "allowed: households that pass the plausibility model (openfisca_nl_sz/plausibility.py)")

    population = raw.get("population") or {}
    if not isinstance(population, dict) or set(population) - POPULATION_FIELDS:
        raise InputError(source, "population", f"must be a mapping; allowed keys: {', '.join(sorted(POPULATION_FIELDS))}")
    population_households = _number(source, "population.households", population.get("households", 4), 0, 50, integer=True)
    population_seed = population.get("seed")
    if population_seed is not None:
        population_seed = _number(source, "population.seed", population_seed, 0, integer=True)

    law = {}
    law_ranges = raw.get("law_ranges", True)
    if not isinstance(law_ranges, bool):
        raise InputError(source, "law_ranges", f"{law_ranges!r} is not allowed; allowed: true or false")
    if law_ranges:
        from openfisca_nl_sz.search.law_thresholds import extend

        law = extend(axes, system, periods)

    search = raw.get("search") or {}
    if not isinstance(search, dict):
        raise InputError(source, "search", "must be a mapping; allowed keys: " + ", ".join(sorted(SEARCH_FIELDS)))
    extra = set(search) - SEARCH_FIELDS
    if extra:
        raise InputError(source, f"search.{sorted(map(str, extra))[0]}", "unknown field; allowed: " + ", ".join(sorted(SEARCH_FIELDS)))
    hypothesis = search.get("hypothesis", True)
    if not isinstance(hypothesis, bool):
        raise InputError(source, "search.hypothesis", f"{hypothesis!r} is not allowed; allowed: true or false")
    return ScanConfig(
        source=source, period=period, periods=periods, seed=seed, budget_seconds=budget, max_examples=max_examples,
        thresholds=thresholds, axes=axes, compositions=compositions, templates=templates,
        hypothesis=hypothesis,
        search_points=_number(source, "search.points", search.get("points", 61), 5, 1000, integer=True),
        raw=raw, population_households=population_households, population_seed=population_seed, law=law,
    )
