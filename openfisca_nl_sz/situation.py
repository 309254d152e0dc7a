"""Read, check and simulate one situation file (OpenFisca situation in YAML or JSON).

The checks run before OpenFisca sees the file, so that an analyst's typo gets a sentence naming
the field instead of a stack trace: unknown entity keys, unknown variables and role keys, a
variable placed on the wrong entity, values of the wrong type or outside the legal range,
malformed periods, and persons missing from or repeated in the households.
"""

from __future__ import annotations

import datetime
import json
import math
import re
from pathlib import Path

import yaml
from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.input_ranges import check_value

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
ENTITY_KEYS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = {"aanvragers", "partners", "kinderen", "medebewoners"}
# Each max-1 role has a singular spelling too, as OpenFisca accepts for max-1 roles.
ROLE_KEYS_SINGULAR = {"aanvrager", "partner"}
ROLE_LIST = "aanvragers, partners, kinderen, medebewoners"
_MAX_MESSAGE = 300


def check_period(source: str, field: str, value: str) -> str:
    if not isinstance(value, str) or not MONTH_PATTERN.match(value):
        raise InputError(source, field, f"{value!r} is not a month; allowed: YYYY-MM, e.g. 2025-07")
    return value


def load_file(path: str) -> dict:
    source = str(path)
    file = Path(path)
    if not file.is_file():
        raise InputError(source, "file", "does not exist or is not a file")
    kind = "JSON" if file.suffix.lower() == ".json" else "YAML"
    try:
        text = file.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InputError(source, "file", f"is not a UTF-8 text file; allowed: a {kind} situation file")
    except OSError as error:
        raise InputError(source, "file", f"cannot be read ({error.strerror or error})")
    try:
        data = json.loads(text) if kind == "JSON" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise InputError(source, "file", f"is not valid {kind}: {first_line}")
    if not isinstance(data, dict):
        raise InputError(source, "file", "must be a mapping with 'personen' and 'huishoudens'")
    return data


def _values_by_period(value):
    """The (period, value) pairs of an input: a plain value or a {period: value} mapping."""
    if isinstance(value, dict):
        return list(value.items())
    return [(None, value)]


def _period_key(source: str, field: str, variable, key) -> str | None:
    """The month a period key gives (None for a year or eternity key); refuse any other key."""
    if isinstance(key, datetime.date):  # YAML reads an unquoted 2025-01-01 as a date
        text = key.isoformat()
    else:
        text = str(key)
    if text.startswith("month:"):
        text = text[len("month:"):]
    period_kind = str(variable.definition_period).lower()
    if period_kind.endswith("month"):
        if MONTH_PATTERN.match(text):
            return text
        raise InputError(source, f"{field}.{text}", f"is not a month; allowed: YYYY-MM, e.g. 2025-07 ({variable.name} is given per month)")
    if period_kind.endswith("year"):
        if YEAR_PATTERN.match(text):
            return None
        raise InputError(source, f"{field}.{text}", f"is not a year; allowed: YYYY ({variable.name} is given per year)")
    return None  # eternity: any key


def _check_type(variable, value) -> str | None:
    """None if the value has the variable's type, else what is allowed."""
    value_type = variable.value_type
    if value is None:
        return "has no value; give a value or leave the line out"
    if value_type is bool:
        if isinstance(value, bool):
            return None
        return f"{value!r} is not allowed; allowed: true or false"
    possible = getattr(variable, "possible_values", None)
    if possible is not None:
        names = [item.name for item in possible]
        if value in names:
            return None
        return f"{value!r} is not allowed; allowed: {', '.join(names)}"
    if value_type in (int, float):
        if isinstance(value, bool) or isinstance(value, (dict, list)):
            return f"{value!r} is not a number; allowed: a number"
        if isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                return f"{value!r} is not a number; allowed: a number"
        else:
            number = value
        if not math.isfinite(number):
            return f"{value!r} is not a finite number; allowed: a number"
        if value_type is int and number != int(number):
            return f"{value!r} is not a whole number; allowed: a whole number"
    return None


def _as_number(value):
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _check_roles(source: str, situation: dict) -> None:
    persons = {str(key) for key in situation["personen"]}
    seen: dict[str, str] = {}
    for household_id, household in (situation.get("huishoudens") or {}).items():
        for role, members in household.items():
            if role not in ROLE_KEYS and role not in ROLE_KEYS_SINGULAR:
                continue
            field = f"huishoudens.{household_id}.{role}"
            if isinstance(members, (str, int)):
                members = [members]
            if members is None:
                members = []
            if not isinstance(members, list):
                raise InputError(source, field, "must be a list of person ids from 'personen'")
            for member in members:
                if not isinstance(member, (str, int)) or str(member) not in persons:
                    raise InputError(source, field, f"{member!r} is not a person in 'personen'; allowed: {', '.join(sorted(persons))}")
                key = str(member)
                if key in seen:
                    raise InputError(
                        source, field,
                        f"{key!r} is already in {seen[key]}; a person belongs to one household in one role",
                    )
                seen[key] = f"huishoudens.{household_id}.{role}"
            if role in ROLE_KEYS_SINGULAR or role in ("aanvragers", "partners"):
                if len(members) > 1:
                    raise InputError(source, field, f"has {len(members)} persons; allowed: at most 1")


def check_situation(tax_benefit_system, situation: dict, source: str) -> set[str]:
    """Check the situation; return the set of months it gives inputs for."""
    months: set[str] = set()
    unknown = [key for key in situation if key not in ENTITY_KEYS]
    if unknown:
        hint = " (the month is set with --period, or per input as {YYYY-MM: value})" if unknown[0] in ("period", "periode") else ""
        raise InputError(source, str(unknown[0]), f"unknown entity key; allowed: {', '.join(ENTITY_KEYS)}{hint}")
    if "personen" not in situation or not isinstance(situation["personen"], dict) or not situation["personen"]:
        raise InputError(source, "personen", "missing or empty; give at least one person as a mapping id: {variables}")
    if situation.get("huishoudens") is not None and not isinstance(situation["huishoudens"], dict):
        raise InputError(source, "huishoudens", "must be a mapping of household id: {roles and variables}")
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
                    if entity_key == "huishouden" and isinstance(value, list):
                        raise InputError(source, field, f"unknown role key; allowed: {ROLE_LIST}")
                    raise InputError(source, field, "unknown variable; see `nlsz variables`")
                variable = variables[name]
                if variable.entity.key != entity_key:
                    raise InputError(source, field, f"is a variable of {variable.entity.plural}, not of {plural}")
                if isinstance(value, dict) and not value:
                    raise InputError(source, field, "has no values; give a value or {YYYY-MM: value}")
                for period, item in _values_by_period(value):
                    where = field
                    if period is not None:
                        month = _period_key(source, field, variable, period)
                        if month:
                            months.add(month)
                            where = f"{field}.{month}"
                        else:
                            where = f"{field}.{period}"
                    problem = _check_type(variable, item) or check_value(name, _as_number(item))
                    if problem:
                        raise InputError(source, where, problem)
    _check_roles(source, situation)
    return months


def infer_period(months: set[str], source: str) -> str:
    if len(months) == 1:
        return next(iter(months))
    if not months:
        raise InputError(source, "--period", "the file gives no month; pass --period YYYY-MM")
    return max(months)


def check_period_in_file(source: str, period: str, months: set[str]) -> None:
    """Refuse a --period for which none of the file's dated inputs applies (they would be ignored)."""
    if months and period not in months:
        given = ", ".join(sorted(months)[:6]) + (", ..." if len(months) > 6 else "")
        raise InputError(
            source, "--period",
            f"{period} is not a month the file gives inputs for ({given}); its inputs would be ignored; "
            "allowed: one of those months, or give the inputs without a month",
        )


def _first_error_path(error, prefix=()):
    """The first (field, message) in OpenFisca's nested error dict."""
    if isinstance(error, dict):
        for key, value in error.items():
            if isinstance(value, (dict, list)):
                return _first_error_path(value, prefix + (str(key),))
            return ".".join(prefix + (str(key),)), str(value)
        return ".".join(prefix), ""
    if isinstance(error, list):  # OpenFisca reports per-member lists with None for the members without error
        for index, value in enumerate(error):
            if value is not None:
                if isinstance(value, (dict, list)):
                    return _first_error_path(value, prefix)
                return ".".join(prefix), str(value)
        return ".".join(prefix), ""
    return ".".join(prefix), str(error)


def _one_line(message: str) -> str:
    line = " ".join(str(message).split())
    if len(line) > _MAX_MESSAGE:
        line = line[: _MAX_MESSAGE - 3] + "..."
    return line


def build(tax_benefit_system, situation: dict, period: str, source: str):
    builder = SimulationBuilder()
    builder.set_default_period(period)
    try:
        return builder.build_from_entities(tax_benefit_system, situation)
    except SituationParsingError as error:
        field, message = _first_error_path(error.error)
        raise InputError(source, field or "situation", _one_line(message))
    except (ValueError, TypeError, KeyError) as error:
        raise InputError(source, "situation", f"cannot be read by OpenFisca: {_one_line(error)}")
