"""The checks of one household situation (OpenFisca situation dict) for one computed month.

Run by `nlsz calc`, the web API (`nlsz serve`), the scan templates and anything else that turns a
dict into a simulation, so that every door applies the same rules. Each rule exists because its
absence gave a silently wrong number (issue 13):

- every input known, on its entity, of its type, finite and inside its range
  (`input_ranges.allowed_range`: the legal range or a unit-aware default);
- a value dated for another month than the one computed is refused: OpenFisca would drop it
  without a word (`huur: {2025-01: 650}` while computing 2026-01 gave no huurtoeslag at all);
- a computed variable given as input (`bijstand: -5000`) is refused unless the caller lists it in
  `overrides` (`nlsz calc --override bijstand`);
- every person in exactly one household, in one role; every household has one aanvrager who, like a
  partner, is an adult (a household of one 8-year-old got huurtoeslag and kindgebonden budget);
- every person gives `leeftijd` (issue 12.7: it used to be silently 40);
- person and household ids are text or whole numbers (whole numbers become text).
"""

from __future__ import annotations

import datetime
import math
import re

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.input_ranges import INPUT_RANGES, UNBOUNDED_INPUTS, check_value

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YEAR = re.compile(r"^\d{4}$")
ENTITY_KEYS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = ("aanvragers", "partners", "kinderen", "medebewoners")
ROLE_SINGULAR = {"aanvrager": "aanvragers", "partner": "partners", "kind": "kinderen", "medebewoner": "medebewoners"}
ROLE_LIST = "aanvragers, partners, kinderen, medebewoners"
#: The age from which a person can be an aanvrager or partner: Participatiewet art. 13 lid 2 b and
#: Awir/Wet op de huurtoeslag (a claimant of bijstand or toeslagen is 18 or older).
ADULT_AGE = 18
#: More persons than this in one situation is refused (a request of 50,000 persons stalled the API).
MAX_PERSONS = 10_000
#: The cap of `nlsz calc`, whose simulation is built from arrays in linear time
#: (situation.build_from_arrays; 50,000 persons take seconds). The web API keeps MAX_PERSONS.
CALC_MAX_PERSONS = 100_000
_MAX_ID = 100


def _id(source: str, field: str, key) -> str:
    """A person or household id as text; whole numbers are accepted and turned into text."""
    if isinstance(key, bool) or key is None or not isinstance(key, (str, int)):
        raise InputError(source, field, f"{key!r} is not a usable id; allowed: a name or a whole number (quote yes/no/null in YAML)")
    text = str(key)
    if not text.strip() or len(text) > _MAX_ID:
        raise InputError(source, field, f"id {text[:20]!r} is empty or too long; allowed: 1 to {_MAX_ID} characters")
    return text


def accepts_input(tax_benefit_system, name: str) -> bool:
    """True if `name` may be given in a situation: a plain input, or an input of the contract that
    has a formula default (it has a range, or an `<name>_opgegeven` companion)."""
    variable = tax_benefit_system.variables[name]
    if not variable.formulas:
        return True
    return name in INPUT_RANGES or name in UNBOUNDED_INPUTS or f"{name}_opgegeven" in tax_benefit_system.variables


def _period_of_key(source: str, field: str, variable, key) -> str:
    """The period text of a dated value's key; refuse keys that are not the variable's kind of period."""
    if isinstance(key, datetime.date):  # YAML reads an unquoted 2025-01-01 as a date
        text = key.isoformat()
    else:
        text = str(key)
    if text.startswith("month:"):
        text = text[len("month:"):]
    kind = str(variable.definition_period).lower()
    if kind.endswith("month"):
        if MONTH.match(text):
            return text
        raise InputError(source, f"{field}.{text}", f"is not a month; allowed: YYYY-MM, e.g. 2025-07 ({variable.name} is given per month)")
    if kind.endswith("year"):
        if YEAR.match(text):
            return text
        raise InputError(source, f"{field}.{text}", f"is not a year; allowed: YYYY ({variable.name} is given per year)")
    return text


def _check_type(variable, value) -> str | None:
    """None if the value has the variable's type, else what is allowed."""
    if value is None:
        return "has no value; give a value or leave the line out"
    value_type = variable.value_type
    if value_type is bool:
        return None if isinstance(value, bool) else f"{value!r} is not allowed; allowed: true or false"
    possible = getattr(variable, "possible_values", None)
    if possible is not None:
        names = [item.name for item in possible]
        return None if value in names else f"{value!r} is not allowed; allowed: {', '.join(names)}"
    if value_type in (int, float):
        if isinstance(value, (bool, dict, list)) or value is None:
            return f"{str(value)[:40]!r} is not a number; allowed: a number"
        if isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                if "," in value:  # a Dutch decimal comma or a thousands separator: say how to write it
                    return f"{value[:40]!r} is not a number; allowed: a number written with a decimal point and no separators, e.g. 1650.50"
                return f"{value[:40]!r} is not a number; allowed: a number"
        elif isinstance(value, (int, float)):
            try:
                number = float(value)
            except OverflowError:
                return None  # the range check reports it
        else:
            return f"{str(value)[:40]!r} is not a number; allowed: a number"
        if not math.isfinite(number):
            return None  # the range check names the range
        if value_type is int and number != int(number):
            return f"{value!r} is not a whole number; allowed: a whole number"
        return None
    if value_type is str and not isinstance(value, str):
        return f"{value!r} is not text; allowed: text"
    return None


def _as_value(variable, value):
    """The value as OpenFisca should get it: numbers from text converted, ints as ints."""
    if variable.value_type in (int, float) and isinstance(value, str):
        value = float(value)
    if variable.value_type is int and isinstance(value, float):
        value = int(value)
    return value


def check_structure(source: str, situation, max_persons: int = MAX_PERSONS) -> None:
    if not isinstance(situation, dict):
        raise InputError(source, "file", "must be a mapping with 'personen' and 'huishoudens'")
    unknown = [key for key in situation if key not in ENTITY_KEYS]
    if unknown:
        hint = " (the month is set with --period, or per input as {YYYY-MM: value})" if unknown[0] in ("period", "periode") else ""
        raise InputError(source, str(unknown[0]), f"unknown entity key; allowed: {', '.join(ENTITY_KEYS)}{hint}")
    persons = situation.get("personen")
    if not isinstance(persons, dict) or not persons:
        raise InputError(source, "personen", "missing or empty; give at least one person as a mapping id: {variables}")
    if len(persons) > max_persons:
        raise InputError(source, "personen", f"has {len(persons):,} persons; allowed: at most {max_persons:,} in one situation")
    households = situation.get("huishoudens")
    if households is not None and not isinstance(households, dict):
        raise InputError(source, "huishoudens", "must be a mapping of household id: {roles and variables}")


def dated_months(tax_benefit_system, situation: dict, source: str) -> set[str]:
    """Every month the situation's dated inputs name (after the structure and name checks)."""
    months = set()
    variables = tax_benefit_system.variables
    for plural in ENTITY_KEYS:
        for member in (situation.get(plural) or {}).values():
            if not isinstance(member, dict):
                continue
            for name, value in member.items():
                if name in variables and isinstance(value, dict):
                    for key in value:
                        text = key.isoformat() if isinstance(key, datetime.date) else str(key)
                        text = text[len("month:"):] if text.startswith("month:") else text
                        if MONTH.match(text):
                            months.add(text)
    return months


def _entity_values(tax_benefit_system, situation, source, plural, entity_key, period, overrides, cleaned_block):
    variables = tax_benefit_system.variables
    seen_ids: dict[str, object] = {}
    for member_id, member in (situation.get(plural) or {}).items():
        key = _id(source, f"{plural}.{member_id}", member_id)
        if key in seen_ids:
            raise InputError(source, f"{plural}.{key}", "is given twice (once as text, once as a number); allowed: each id once")
        seen_ids[key] = member_id
        if member is None:
            member = {}
        if not isinstance(member, dict):
            raise InputError(source, f"{plural}.{key}", "must be a mapping of variables")
        out = {}
        for name, value in member.items():
            field = f"{plural}.{key}.{name}"
            if entity_key == "huishouden" and (name in ROLE_KEYS or name in ROLE_SINGULAR):
                out[name] = value
                continue
            if not isinstance(name, str) or name not in variables:
                if entity_key == "huishouden" and isinstance(value, list):
                    raise InputError(source, field, f"unknown role key; allowed: {ROLE_LIST}")
                raise InputError(source, field, "unknown variable; see `nlsz variables`")
            variable = variables[name]
            if variable.entity.key != entity_key:
                raise InputError(source, field, f"is a variable of {variable.entity.plural}, not of {plural}")
            if name not in overrides and not accepts_input(tax_benefit_system, name):
                raise InputError(
                    source, field,
                    "is computed by the rules, not an input; leave it out, or pass --override "
                    f"{name} to replace the rule's result on purpose",
                )
            if isinstance(value, dict):
                if not value:
                    raise InputError(source, field, "has no values; give a value or {YYYY-MM: value}")
                items = []
                for period_key, item in value.items():
                    text = _period_of_key(source, field, variable, period_key)
                    items.append((text, item))
            else:
                items = [(None, value)]
            dated = {}
            for text, item in items:
                where = field if text is None else f"{field}.{text}"
                problem = _check_type(variable, item)
                if problem is None and variable.value_type in (int, float):
                    number = float(item) if isinstance(item, str) else item
                    problem = check_value(name, number, variable)
                if problem:
                    raise InputError(source, where, problem)
                if text is not None:
                    wanted = period if len(text) == 7 else period[:4] if len(text) == 4 else text
                    if text != wanted:
                        raise InputError(
                            source, where,
                            f"is given for {text} but the month computed (--period) is {period}; a value for another "
                            f"month would be ignored; allowed: a value for {period}, or a value without a month",
                        )
                    dated[text] = _as_value(variable, item)
            out[name] = dated if isinstance(value, dict) else _as_value(variable, value)
        cleaned_block[key] = out


def _roles(source: str, situation: dict, cleaned: dict) -> dict[str, tuple[str, str]]:
    """{person id: (household id, role plural)}; checks membership and role counts."""
    persons = set(cleaned["personen"])
    where: dict[str, tuple[str, str]] = {}
    for household_id, household in cleaned["huishoudens"].items():
        for role in list(household):
            if role not in ROLE_KEYS and role not in ROLE_SINGULAR:
                continue
            plural = ROLE_SINGULAR.get(role, role)
            field = f"huishoudens.{household_id}.{role}"
            members = household.pop(role)
            if isinstance(members, (str, int)) and not isinstance(members, bool):
                members = [members]
            if members is None:
                members = []
            if not isinstance(members, list):
                raise InputError(source, field, "must be a list of person ids from 'personen'")
            ids = []
            for member in members:
                if isinstance(member, bool) or not isinstance(member, (str, int)) or str(member) not in persons:
                    listed = ", ".join(sorted(persons)[:10])
                    raise InputError(source, field, f"{str(member)[:40]!r} is not a person in 'personen'; allowed: {listed}")
                key = str(member)
                if key in where:
                    raise InputError(source, field, f"{key!r} is already in huishoudens.{where[key][0]}.{where[key][1]}; a person belongs to one household in one role")
                where[key] = (household_id, plural)
                ids.append(key)
            if plural in ("aanvragers", "partners") and len(ids) > 1:
                raise InputError(source, field, f"has {len(ids)} persons; allowed: at most 1")
            if plural in household and ids:
                raise InputError(source, field, f"repeats the role {plural}; allowed: each role once per household")
            if ids or plural not in household:
                household[plural] = ids
    return where


def _age(person: dict, period: str):
    value = person.get("leeftijd")
    if isinstance(value, dict):
        value = value.get(period)
    return value


def validate(tax_benefit_system, situation, period: str, source: str, overrides=frozenset(),
             max_persons: int = MAX_PERSONS) -> dict:
    """The cleaned situation for computing `period`, or InputError (see the module docstring)."""
    check_structure(source, situation, max_persons)
    overrides = frozenset(overrides or ())
    for name in overrides:
        if name not in tax_benefit_system.variables:
            raise InputError(source, "--override", f"unknown variable {name!r}; see `nlsz variables`")
    cleaned: dict[str, dict] = {"personen": {}, "huishoudens": {}}
    _entity_values(tax_benefit_system, situation, source, "personen", "persoon", period, overrides, cleaned["personen"])
    households = situation.get("huishoudens")
    if not households:
        raise InputError(
            source, "huishoudens",
            "missing or empty; give at least one household with an aanvrager, e.g. huishoudens: {h: {aanvragers: [anna]}}",
        )
    _entity_values(tax_benefit_system, situation, source, "huishoudens", "huishouden", period, overrides, cleaned["huishoudens"])
    where = _roles(source, situation, cleaned)
    for person_id, person in cleaned["personen"].items():
        if person_id not in where:
            raise InputError(source, f"personen.{person_id}", f"is in no household; allowed: list the person under {ROLE_LIST} of a household")
        if "leeftijd" not in person:
            raise InputError(
                source, f"personen.{person_id}.leeftijd",
                "is missing; give the age in whole years (0 to 120): it decides the norms, the AOW age and the toeslagen, and has no default",
            )
    for household_id, household in cleaned["huishoudens"].items():
        if not household.get("aanvragers"):
            raise InputError(source, f"huishoudens.{household_id}.aanvragers", "is missing or empty; allowed: exactly one person who claims (the aanvrager)")
        for role in ("aanvragers", "partners"):
            for person_id in household.get(role) or []:
                age = _age(cleaned["personen"][person_id], period)
                if isinstance(age, (int, float)) and age < ADULT_AGE:
                    raise InputError(
                        source, f"personen.{person_id}.leeftijd",
                        f"is {age:g} but {person_id} is in huishoudens.{household_id}.{role}; an aanvrager or partner is {ADULT_AGE} or older; "
                        "allowed: put a child under kinderen of an adult's household",
                    )
    return cleaned
