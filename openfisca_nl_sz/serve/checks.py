"""What `nlsz serve` checks in a /calculate or /trace request before OpenFisca sees it.

The same checks as `nlsz calc` (openfisca_nl_sz.validation.validate_situation), plus what only a
web request needs:

- the body is parsed strictly: a repeated key, `NaN`/`Infinity`, a number too large for a float
  (`1e400`) or nesting deeper than a situation ever needs is refused, because a lenient parser
  would silently keep the last key or compute with `inf`;
- the persons and households per request are limited (the cost of building a JSON situation grows
  with the square of its size);
- the variables asked for (`{"2026-01": null}`) must exist, sit on the right entity and be asked
  for one month that the legislation covers; the inputs are validated for that month.

Each problem is an `InputError` (400) or `TooLarge` (413) whose text is one line naming the field.
"""

from __future__ import annotations

import copy
import json
import math

from openfisca_nl_sz import errors
from openfisca_nl_sz.errors import InputError

SOURCE = "request"
ENTITY_PLURALS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = {"aanvragers", "partners", "kinderen", "medebewoners", "aanvrager", "partner"}
#: A situation is entity / id / variable / period / value: 5 levels; 20 leaves room for odd but harmless input.
MAX_DEPTH = 20
MAX_MESSAGE = errors.MAX_MESSAGE


class TooLarge(Exception):
    """The request is larger than the server accepts (413)."""

    def __init__(self, field: str, problem: str):
        super().__init__(f"{SOURCE}: {field}: {problem}")


def one_line(text: str) -> str:
    return errors.one_line(text, MAX_MESSAGE)


class _Duplicate(Exception):
    pass


def _object(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise _Duplicate(key)
        seen[key] = value
    return seen


class _NotANumber(float):
    """What `NaN`, `Infinity` or a number beyond a float's range parse to: refused below, by field."""

    def __new__(cls, text):
        value = super().__new__(cls, float("nan"))
        value.text = text
        return value


def _constant(name):
    return _NotANumber(name)


def _float(text):
    value = float(text)
    return value if math.isfinite(value) else _NotANumber(text)


def _int(text):
    value = int(text)
    if abs(value) > 2**53:  # beyond any amount, age or count, and beyond what a float holds exactly
        return _NotANumber(text if len(text) <= 20 else text[:17] + "...")
    return value


def _first_non_finite(value, path=()):
    if isinstance(value, float) and not math.isfinite(value):
        return ".".join(path) or "body", getattr(value, "text", repr(value))
    if isinstance(value, dict):
        items = value.items()
    elif isinstance(value, list):
        items = ((str(i), v) for i, v in enumerate(value))
    else:
        return None
    for key, item in items:
        found = _first_non_finite(item, path + (str(key),))
        if found:
            return found
    return None


def _depth(value, level=0) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level)
    return level


def parse_body(body: bytes) -> dict:
    """The request's JSON as a dict; InputError for anything a strict reader would not accept."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(SOURCE, "body", "is not UTF-8 text; allowed: a JSON situation")
    if not text.strip():
        raise InputError(SOURCE, "body", "is empty; allowed: a JSON situation with 'personen' and 'huishoudens'")
    try:
        data = json.loads(text, object_pairs_hook=_object, parse_constant=_constant, parse_float=_float, parse_int=_int)
    except _Duplicate as error:
        raise InputError(SOURCE, str(error.args[0])[:80], "appears twice in one object; allowed: each key once")
    except RecursionError:
        raise InputError(SOURCE, "body", f"nests too deep; allowed: a situation of at most {MAX_DEPTH} levels")
    except json.JSONDecodeError as error:
        raise InputError(SOURCE, "body", f"is not valid JSON: {error.msg} at line {error.lineno} column {error.colno}")
    if not isinstance(data, dict):
        raise InputError(SOURCE, "body", "must be a JSON object with 'personen' and 'huishoudens'")
    if _depth(data) > MAX_DEPTH:
        raise InputError(SOURCE, "body", f"nests too deep; allowed: a situation of at most {MAX_DEPTH} levels")
    found = _first_non_finite(data)
    if found:
        raise InputError(SOURCE, found[0], f"{found[1]} is not a usable number (not finite, or too large); allowed: a number within the input's range")
    return data


def check_size(data: dict, max_persons: int) -> None:
    for plural in ENTITY_PLURALS:
        members = data.get(plural)
        if isinstance(members, dict) and len(members) > max_persons:
            raise TooLarge(plural, f"has {len(members):,} entries; allowed: at most {max_persons:,} per request "
                                   "(split the request, or use `nlsz compare` for populations)")


def _requests(system, data: dict) -> tuple[list[tuple[str, str, str, str]], dict]:
    """The (plural, id, variable, period) asked for with null, and a copy of the situation without them."""
    from openfisca_nl_sz.validation import check_period

    asked = []
    inputs = copy.deepcopy(data)
    for plural, entity_key in ENTITY_PLURALS.items():
        members = inputs.get(plural)
        if not isinstance(members, dict):
            continue
        for member_id, member in members.items():
            if not isinstance(member, dict):
                continue
            for name in list(member):
                value = member[name]
                if entity_key == "huishouden" and name in ROLE_KEYS:
                    continue
                if not isinstance(value, dict) or not any(v is None for v in value.values()):
                    continue
                field = f"{plural}.{member_id}.{name}"
                variable = system.variables.get(name)
                if variable is None:
                    raise InputError(SOURCE, field, "unknown variable; see /variables")
                if variable.entity.key != entity_key:
                    raise InputError(SOURCE, field, f"is a variable of {variable.entity.plural}, not of {plural}")
                for period in [p for p, v in value.items() if v is None]:
                    if str(variable.definition_period).lower().endswith("month"):
                        check_period(period, SOURCE, f"{field}.{period}")
                    asked.append((plural, str(member_id), name, str(period)))
                    del value[period]
                if not value:
                    del member[name]
    return asked, inputs


def check_request(system, data: dict, max_persons: int) -> dict:
    """The situation to hand to OpenFisca: validated inputs plus the variables asked for."""
    from openfisca_nl_sz.validation import validate_situation

    check_size(data, max_persons)
    asked, inputs = _requests(system, data)
    months = sorted({period for *_, period in asked if len(period) == 7})
    if not months:
        raise InputError(SOURCE, "body", 'asks for nothing; allowed: a variable with a month and null, e.g. '
                                         '"besteedbaar_inkomen": {"2026-01": null}')
    if len(months) > 1:
        raise InputError(SOURCE, "body", f"asks for {len(months)} months ({', '.join(months[:4])}); "
                                         "allowed: one month per request")
    checked = validate_situation(system, inputs, months[0], SOURCE)
    situation = copy.deepcopy(checked if isinstance(checked, dict) else inputs)
    for plural, member_id, name, period in asked:
        member = situation.setdefault(plural, {}).setdefault(member_id, {})
        values = member.get(name)
        if not isinstance(values, dict):
            values = {} if values is None else {months[0]: values}
            member[name] = values
        values[period] = None
    return situation


def first_error(error) -> tuple[str, str]:
    """The first (field, message) in OpenFisca's nested error dict (its 4xx bodies)."""
    path = []
    while True:
        if isinstance(error, dict) and error:
            key, error = next(iter(error.items()))
            path.append(str(key))
        elif isinstance(error, list) and any(e is not None for e in error):
            error = next(e for e in error if e is not None)
        else:
            break
    if path == ["error"]:
        path = ["body"]
    return ".".join(path) or "body", str(error)
