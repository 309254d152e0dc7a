"""Reforms: parameter overrides from a scenario, and named structural reforms.

A structural reform is one module in this package that defines

    NAME = "wia_grens_verlaging"            # the name a scenario uses
    DESCRIPTION = "one line for policy readers"
    OPTIONS = {"toegangsgrens": Option(float, 35, minimum=0, maximum=35, doc="...")}
    def build(baseline, options, start, stop=None) -> TaxBenefitSystem

`build` returns an OpenFisca `Reform` of `baseline` (a TaxBenefitSystem, possibly itself a reform)
that applies from `start` (a "YYYY-MM-DD" string) to `stop` (inclusive, or open-ended).
Modules are found automatically: adding a hardheidsclausule is one new file here plus one scenario
file (see docs/scenarios.md). Parameters are always changed through `Reform.modify_parameters`,
never in place: OpenFisca caches parameters per instant, so in-place edits after a first
calculation are silently ignored.
"""

from __future__ import annotations

import math

import importlib
import pkgutil
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from openfisca_nl_sz.errors import InputError


@dataclass(frozen=True)
class Option:
    """One option of a structural reform: type, default, allowed range and what it means."""

    type: type
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    doc: str = ""
    choices: tuple | None = None

    def allowed(self) -> str:
        if self.choices:
            return "one of " + ", ".join(map(str, self.choices))
        kind = {float: "a number", int: "a whole number", bool: "true or false", list: "a list"}.get(self.type, self.type.__name__)
        if self.minimum is not None and self.maximum is not None:
            return f"{kind} in [{self.minimum}, {self.maximum}]"
        if self.minimum is not None:
            return f"{kind} >= {self.minimum}"
        if self.maximum is not None:
            return f"{kind} <= {self.maximum}"
        return kind

    def check(self, value, source: str, field: str):
        """The value converted to the option's type, or InputError naming the field and the range."""
        ok = True
        if self.type is bool:
            ok = isinstance(value, bool)
        elif self.type is int:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif self.type is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok else value
            ok = ok and math.isfinite(value)  # `toegangsgrens: .nan` passed every comparison (issue 13)
        elif self.type is list:
            ok = isinstance(value, list)
        if not ok:
            raise InputError(source, field, f"must be {self.allowed()}, got {value!r}")
        if self.choices and value not in self.choices:
            raise InputError(source, field, f"must be {self.allowed()}, got {value!r}")
        if self.type in (int, float):
            if (self.minimum is not None and value < self.minimum) or (self.maximum is not None and value > self.maximum):
                raise InputError(source, field, f"must be {self.allowed()}, got {value!r}")
        return value


def _discover() -> dict[str, ModuleType]:
    found = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_") or info.name in ("parameters",):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        name = getattr(module, "NAME", None)
        if name and hasattr(module, "build"):
            found[name] = module
    return dict(sorted(found.items()))


_REGISTRY: dict[str, ModuleType] | None = None


def registry() -> dict[str, ModuleType]:
    """All named structural reforms, by name."""
    global _REGISTRY
    if _REGISTRY is None:
        _REGISTRY = _discover()
    return _REGISTRY


def known_names() -> list[str]:
    return list(registry())


def get(name: str, source: str = "scenario", field: str = "reform.structural") -> ModuleType:
    reg = registry()
    if name not in reg:
        import difflib

        near = difflib.get_close_matches(name, list(reg), n=3, cutoff=0.5)
        hint = f" Did you mean {', '.join(near)}?" if near else ""
        raise InputError(source, field, f"unknown reform {name!r}.{hint} Known reforms: {', '.join(reg)}")
    return reg[name]


def check_options(module: ModuleType, options: dict | None, source: str, field: str) -> dict:
    """Options of a structural reform with defaults filled in; unknown or bad options raise InputError."""
    options = dict(options or {})
    spec: dict[str, Option] = getattr(module, "OPTIONS", {})
    unknown = set(options) - set(spec)
    if unknown:
        import difflib

        key = sorted(unknown)[0]
        near = difflib.get_close_matches(key, list(spec), n=3, cutoff=0.5)
        hint = f"; did you mean {', '.join(near)}?" if near else ""
        allowed = ", ".join(spec) if spec else "(this reform takes no options)"
        raise InputError(source, f"{field}.{key}", f"unknown option{hint} Options of {module.NAME}: {allowed}")
    checked = {}
    for key, opt in spec.items():
        checked[key] = opt.check(options[key], source, f"{field}.{key}") if key in options else opt.default
    if hasattr(module, "check"):
        module.check(checked, source, field)
    return checked


def build_reform_system(baseline, structural=(), parameter_overrides=(), start: str = "2024-01-01", stop: str | None = None):
    """Baseline + named structural reforms (in order) + parameter overrides (last, so they win).

    `structural` is a list of (name, checked options); `parameter_overrides` a list of
    `reforms.parameters.ParameterOverride`.
    """
    from openfisca_nl_sz.populations import use_fast_populations
    from openfisca_nl_sz.reforms.parameters import apply_overrides

    system = baseline
    for name, options in structural:
        system = registry()[name].build(system, options, start, stop)
    if parameter_overrides:
        system = apply_overrides(system, parameter_overrides)
    # An OpenFisca Reform makes OpenFisca's own populations; the reformed system computes with this
    # package's faster ones, as the baseline does (the same values: tests/speed)
    return use_fast_populations(system)


def call_law_formula(variable, population, period, parameters):
    """Run the baseline's own formula of `variable` inside a reform's formula, so that a clause adds
    to the law instead of copying it. Variables the formula reads resolve in the reform system."""
    import inspect

    formula = variable.get_formula(period)
    if formula is None:
        return population.filled_array(variable.default_value)
    if len(inspect.signature(formula).parameters) >= 3:
        return formula(population, period, parameters)
    return formula(population, period)


def in_force(period, start: str, stop: str | None) -> bool:
    """Whether the month `period` falls in [start, stop] (dates YYYY-MM-DD; stop inclusive or None)."""
    first = str(period.start)
    return first >= start and (stop is None or first <= stop)
