"""Scenario files: a proposed change, the population to try it on, and what to report.

A scenario is a small YAML file (see docs/scenarios.md and scenarios/*.yaml):

    name: WIA-toegangsgrens 25%
    description: ...
    period: 2025-01                      # the month that is simulated
    reform:
      structural:                        # named reforms from openfisca_nl_sz/reforms/
        - name: wia_grens_verlaging
          options: {toegangsgrens: 25}
      parameters:                        # parameter overrides by dotted path
        - {path: participatiewet.vermogensgrens.alleenstaande, value: 9000, start: 2025-01-01}
    population:
      config: populations/wia_beoordeelden.yaml   # relative to the scenario file, or scenarios/
      size: 20000
      seed: 1
      overrides: {assumptions.ww.aandeel_niet_werkende_afgewezen: 0.5}
    thresholds: {severity: 25, income_change: 5}
    outputs: {charts: true, deciles: 10, variables: [wga_vervolguitkering]}

`load_scenario` checks everything against the baseline system before any simulation runs, and
every problem is an `InputError` naming the file, the field and what is allowed. A parameter
override that cannot act (it starts after the period, ends before it, or no formula reads the
parameter) is a warning on stderr, kept in `Scenario.warnings`; with `strict` (`nlsz compare
--strict`) it is an error.
"""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path


from openfisca_nl_sz import reforms as reform_registry
from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.legal.coverage import FIRST_MONTH, LAST_MONTH
from openfisca_nl_sz.paths import data_dir
from openfisca_nl_sz.population.generator import MAX_SIZE, load_config
from openfisca_nl_sz.reforms.parameters import check_override

TOP_KEYS = ("name", "description", "period", "reform", "population", "thresholds", "outputs")
THRESHOLDS = {
    # key: (default, minimum, maximum, meaning)
    "severity": (25.0, 0.0, 10_000.0, "EUR per month a household must lose for a harm to count"),
    "income_change": (5.0, 0.0, 10_000.0, "EUR per month; households changing more than this count as winners/losers"),
}
OUTPUT_KEYS = ("charts", "deciles", "variables", "harm_search", "harm_search_examples", "ranges")
#: Months with parameters in this package (contract: 2024-01 through 2026-12).
PERIOD_RANGE = (FIRST_MONTH, LAST_MONTH)
#: Default of `strict` when load_scenario is not told: set by `nlsz compare --strict`.
STRICT = False


@dataclass
class PopulationSpec:
    config_path: str | None
    size: int
    seed: int
    overrides: dict
    config: dict = field(default_factory=dict)


@dataclass
class Scenario:
    source: str
    name: str
    description: str
    period: str
    structural: list            # [(name, options)]
    parameters: list            # [ParameterOverride]
    population: PopulationSpec
    thresholds: dict
    outputs: dict
    raw: dict = field(default_factory=dict)
    #: One line per parameter override that changes nothing (see the module docstring).
    warnings: list = field(default_factory=list)

    @property
    def start(self) -> str:
        return f"{self.period}-01"

    def build_reform_system(self, baseline):
        """The reform system: baseline + structural reforms + parameter overrides."""
        return reform_registry.build_reform_system(baseline, self.structural, self.parameters, start=self.start)

    def summary(self) -> dict:
        return {
            "name": self.name,
            "description": self.description,
            "file": self.source,
            "period": self.period,
            "reform": {
                "structural": [{"name": n, "options": o} for n, o in self.structural],
                "parameters": [vars(p) for p in self.parameters],
            },
            "population": {
                "config": self.population.config_path or "(default) populations/wia_beoordeelden.yaml",
                "size": self.population.size,
                "seed": self.population.seed,
                "overrides": self.population.overrides,
            },
            "thresholds": self.thresholds,
            "outputs": self.outputs,
        }


def _suggest(key, options):
    near = difflib.get_close_matches(str(key), list(options), n=3, cutoff=0.5)
    return f"; did you mean {', '.join(near)}?" if near else f"; allowed: {', '.join(options)}"


def _mapping(value, source, fieldname, allowed):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise InputError(source, fieldname, f"must be a mapping with keys {', '.join(allowed)}")
    for key in value:
        if key not in allowed:
            raise InputError(source, f"{fieldname}.{key}" if fieldname else str(key), "unknown key" + _suggest(key, allowed))
    return value


def _number(value, source, fieldname, lo, hi, integer=False):
    import math

    kind = "a whole number" if integer else "a number"
    ok = isinstance(value, int) if integer else isinstance(value, (int, float)) and math.isfinite(value)
    if isinstance(value, bool) or not ok:
        raise InputError(source, fieldname, f"must be {kind} in [{lo}, {hi}], got {value!r}")
    if not lo <= value <= hi:
        raise InputError(source, fieldname, f"must be {kind} in [{lo}, {hi}], got {value!r}")
    return value


def load_scenario(path: str, baseline=None, strict: bool | None = None, warn=None) -> Scenario:
    """Read and check a scenario file. `baseline` is the tax-benefit system to check parameter
    paths and output variables against (built when not given). `strict` refuses overrides that
    cannot act (default: the module's STRICT); `warn` receives each warning line (default: stderr)."""
    from openfisca_nl_sz.validation.loading import load_file

    source = str(path)
    if not Path(path).is_file():
        raise InputError(source, "(file)", "file not found")
    # size limit, no repeated keys, no alias bombs (issue 13)
    raw = load_file(path, source=source, kind="YAML")
    if baseline is None:
        from openfisca_nl_sz import CountryTaxBenefitSystem

        baseline = CountryTaxBenefitSystem()
    scenario = parse_scenario(raw, source, baseline, strict=STRICT if strict is None else strict)
    for line in scenario.warnings:
        (warn or _warn_stderr)(line)
    return scenario


def _warn_stderr(line: str) -> None:
    from openfisca_nl_sz.errors import one_line

    sys.stderr.write(one_line(f"nlsz: warning: {line}") + "\n")


def parse_scenario(raw, source: str, baseline, strict: bool = False) -> Scenario:
    if not isinstance(raw, dict):
        raise InputError(source, "(file)", "must be a mapping with keys " + ", ".join(TOP_KEYS))
    _mapping(raw, source, "", TOP_KEYS)
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InputError(source, "name", "required: a short title for the scenario")
    description = raw.get("description", "") or ""
    if not isinstance(description, str):
        raise InputError(source, "description", "must be text")

    period = raw.get("period")
    if period is None:
        raise InputError(source, "period", f"missing; allowed: a month YYYY-MM from {FIRST_MONTH} to {LAST_MONTH} (quote it in YAML)")
    from openfisca_nl_sz.validation import check_period

    period = check_period(str(period), source, "period")
    start = f"{period}-01"

    reform = _mapping(raw.get("reform"), source, "reform", ("structural", "parameters"))
    structural = []
    items = reform.get("structural") or []
    if not isinstance(items, list):
        raise InputError(source, "reform.structural", "must be a list of {name, options}")
    for i, item in enumerate(items):
        fieldname = f"reform.structural[{i}]"
        if isinstance(item, str):
            item = {"name": item}
        item = _mapping(item, source, fieldname, ("name", "options", "reason"))
        rname = item.get("name")
        if not isinstance(rname, str):
            raise InputError(source, f"{fieldname}.name", "required; known reforms: " + ", ".join(reform_registry.known_names()))
        module = reform_registry.get(rname, source, f"{fieldname}.name")
        options = item.get("options") or {}
        if not isinstance(options, dict):
            raise InputError(source, f"{fieldname}.options", "must be a mapping of option: value")
        structural.append((rname, reform_registry.check_options(module, options, source, f"{fieldname}.options")))
    items = reform.get("parameters") or []
    if not isinstance(items, list):
        raise InputError(source, "reform.parameters", "must be a list of {path, value, start, stop}")
    parameters = [check_override(baseline.parameters, item, i, source, start) for i, item in enumerate(items)]
    warnings = []
    if parameters:
        from openfisca_nl_sz.validation.parameters import override_warnings

        # read by the formulas of the reform (its structural parts included), at the scenario's month
        reformed = reform_registry.build_reform_system(baseline, structural, (), start=start)
        for index, message in override_warnings(reformed, parameters, period):
            fieldname = f"reform.parameters[{index}]"
            if strict:
                raise InputError(source, fieldname, f"{message}; allowed under --strict: an override that acts in {period}")
            warnings.append(f"{source}: {fieldname}: {message}")

    pop = _mapping(raw.get("population"), source, "population", ("config", "size", "seed", "overrides"))
    config_path = pop.get("config")
    if config_path is not None:
        if not isinstance(config_path, str):
            raise InputError(source, "population.config", "must be a path to a population config YAML")
        candidates = [Path(source).parent / config_path, data_dir("scenarios") / config_path, Path(config_path)]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise InputError(source, "population.config", f"file not found: {config_path} (looked next to the scenario and in scenarios/)")
        config_path = str(found)
    size = _number(pop.get("size", 20_000), source, "population.size", 1, MAX_SIZE, integer=True)
    seed = _number(pop.get("seed", 0), source, "population.seed", 0, 2**32 - 1, integer=True)
    overrides = pop.get("overrides") or {}
    if not isinstance(overrides, dict):
        raise InputError(source, "population.overrides", "must be a mapping of dotted config path: value")
    try:
        config = load_config(config_path, overrides)
    except InputError as error:
        raise InputError(source, error.field, error.problem) from None

    th = _mapping(raw.get("thresholds"), source, "thresholds", tuple(THRESHOLDS))
    thresholds = {}
    for key, (default, lo, hi, _meaning) in THRESHOLDS.items():
        thresholds[key] = float(_number(th.get(key, default), source, f"thresholds.{key}", lo, hi))

    out = _mapping(raw.get("outputs"), source, "outputs", OUTPUT_KEYS)
    charts = out.get("charts", True)
    if not isinstance(charts, bool):
        raise InputError(source, "outputs.charts", f"must be true or false, got {charts!r}")
    deciles = _number(out.get("deciles", 10), source, "outputs.deciles", 2, 20, integer=True)
    variables = out.get("variables") or []
    if not isinstance(variables, list) or not all(isinstance(v, str) for v in variables):
        raise InputError(source, "outputs.variables", "must be a list of variable names")
    for i, v in enumerate(variables):
        if v not in baseline.variables:
            near = difflib.get_close_matches(v, list(baseline.variables), n=3, cutoff=0.6)
            hint = f"; did you mean {', '.join(near)}?" if near else ""
            raise InputError(source, f"outputs.variables[{i}]", f"unknown variable {v!r}{hint}")

    harm_search = out.get("harm_search", True)
    if not isinstance(harm_search, bool):
        raise InputError(source, "outputs.harm_search", f"must be true or false, got {harm_search!r}")
    examples = _number(out.get("harm_search_examples", 30), source, "outputs.harm_search_examples", 0, 10_000, integer=True)
    # issue 15: the low/high variants of the config's `onzekerheid` assumptions (a few seconds)
    with_ranges = out.get("ranges", True)
    if not isinstance(with_ranges, bool):
        raise InputError(source, "outputs.ranges", f"must be true or false, got {with_ranges!r}")

    return Scenario(
        source=source,
        name=name.strip(),
        description=description.strip(),
        period=period,
        structural=structural,
        parameters=parameters,
        population=PopulationSpec(config_path=config_path, size=size, seed=seed, overrides=dict(overrides), config=config),
        thresholds=thresholds,
        outputs={"charts": charts, "deciles": deciles, "variables": list(variables),
                 "harm_search": harm_search, "harm_search_examples": int(examples), "ranges": with_ranges},
        raw=raw,
        warnings=warnings,
    )
