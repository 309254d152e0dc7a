"""Read, check and simulate one situation file (OpenFisca situation in YAML or JSON).

The checks run before OpenFisca sees the file, so that an analyst's typo gets a sentence naming
the field instead of a stack trace: unknown entity keys, unknown variables, a variable placed on the
wrong entity, values outside the legal range and malformed periods.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml
from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.input_ranges import check_value

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
ENTITY_KEYS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = {"aanvragers", "partners", "kinderen", "medebewoners"}
# Each role has a singular spelling too, as OpenFisca accepts for max-1 roles.
ROLE_KEYS_SINGULAR = {"aanvrager", "partner"}


def check_period(source: str, field: str, value: str) -> str:
    if not isinstance(value, str) or not MONTH_PATTERN.match(value):
        raise InputError(source, field, f"{value!r} is not a month; allowed: YYYY-MM, e.g. 2025-07")
    return value


def load_file(path: str) -> dict:
    source = str(path)
    file = Path(path)
    if not file.is_file():
        raise InputError(source, "file", "does not exist or is not a file")
    text = file.read_text(encoding="utf-8")
    try:
        data = json.loads(text) if file.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        first_line = str(error).splitlines()[0]
        raise InputError(source, "file", f"is not valid {'JSON' if file.suffix.lower() == '.json' else 'YAML'}: {first_line}")
    if not isinstance(data, dict):
        raise InputError(source, "file", "must be a mapping with 'personen' and 'huishoudens'")
    return data


def _values_by_period(value):
    """The (period, value) pairs of an input: a plain value or a {period: value} mapping."""
    if isinstance(value, dict):
        return list(value.items())
    return [(None, value)]


def check_situation(tax_benefit_system, situation: dict, source: str) -> set[str]:
    """Check the situation; return the set of months it gives inputs for."""
    months: set[str] = set()
    unknown = set(situation) - set(ENTITY_KEYS)
    if unknown:
        raise InputError(source, sorted(unknown)[0], f"unknown entity key; allowed: {', '.join(ENTITY_KEYS)}")
    if "personen" not in situation or not isinstance(situation["personen"], dict) or not situation["personen"]:
        raise InputError(source, "personen", "missing or empty; give at least one person")
    variables = tax_benefit_system.variables
    for plural, entity_key in ENTITY_KEYS.items():
        for member_id, member in (situation.get(plural) or {}).items():
            if not isinstance(member, dict):
                raise InputError(source, f"{plural}.{member_id}", "must be a mapping of variables")
            for name, value in member.items():
                field = f"{plural}.{member_id}.{name}"
                if entity_key == "huishouden" and (name in ROLE_KEYS or name in ROLE_KEYS_SINGULAR):
                    continue
                if name not in variables:
                    raise InputError(source, field, "unknown variable; see `nlsz variables`")
                if variables[name].entity.key != entity_key:
                    raise InputError(source, field, f"is a variable of {variables[name].entity.plural}, not of {plural}")
                for period, item in _values_by_period(value):
                    if period is not None:
                        period = str(period)
                        if MONTH_PATTERN.match(period):
                            months.add(period)
                        elif not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$|^(month|year):", period) and period != "ETERNITY":
                            raise InputError(source, f"{field}.{period}", "is not a period; allowed: YYYY-MM")
                    problem = check_value(name, item)
                    if problem:
                        raise InputError(source, field + (f".{period}" if period else ""), problem)
    return months


def infer_period(months: set[str], source: str) -> str:
    if len(months) == 1:
        return next(iter(months))
    if not months:
        raise InputError(source, "--period", "the file gives no month; pass --period YYYY-MM")
    return max(months)


def _first_error_path(error: dict, prefix=()):
    for key, value in error.items():
        if isinstance(value, dict):
            return _first_error_path(value, prefix + (str(key),))
        return ".".join(prefix + (str(key),)), str(value)
    return ".".join(prefix), ""


def build(tax_benefit_system, situation: dict, period: str, source: str):
    builder = SimulationBuilder()
    builder.set_default_period(period)
    try:
        return builder.build_from_entities(tax_benefit_system, situation)
    except SituationParsingError as error:
        field, message = _first_error_path(error.error)
        raise InputError(source, field or "situation", message)
