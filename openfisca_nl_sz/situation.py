"""Read, check and simulate one situation file (OpenFisca situation in YAML or JSON).

The checks run before OpenFisca sees the file, so that an analyst's typo gets a sentence naming
the field instead of a stack trace. They live in `openfisca_nl_sz.validation` (one layer for calc,
the web API, scan templates and populations); this module reads the file with that layer's rules
(`load_file`), refuses months outside the legislation (`check_period`), finds the month the file
gives (`check_situation`, `infer_period`) and builds the simulation (`build`).
"""

from __future__ import annotations

import re

from openfisca_core.errors import SituationParsingError
from openfisca_core.simulations import SimulationBuilder

from openfisca_nl_sz.errors import InputError, one_line

MONTH_PATTERN = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
YEAR_PATTERN = re.compile(r"^\d{4}$")
ENTITY_KEYS = {"personen": "persoon", "huishoudens": "huishouden"}
ROLE_KEYS = {"aanvragers", "partners", "kinderen", "medebewoners"}
# Each max-1 role has a singular spelling too, as OpenFisca accepts for max-1 roles.
ROLE_KEYS_SINGULAR = {"aanvrager", "partner"}
ROLE_LIST = "aanvragers, partners, kinderen, medebewoners"
_MAX_MESSAGE = 300


def check_period(source: str, field: str, value: str) -> str:
    """`value` if it is a month the legislation covers (validation.check_period), else InputError."""
    from openfisca_nl_sz.validation import check_period as check_covered

    return check_covered(value, source, field)


def load_file(path: str) -> dict:
    """A situation file parsed under the rules of validation.loading (size limit, no repeated keys,
    no alias bombs); InputError when it is not a mapping."""
    from openfisca_nl_sz.validation.loading import load_file as load_checked

    data = load_checked(path)
    if not isinstance(data, dict):
        raise InputError(str(path), "file", "must be a mapping with 'personen' and 'huishoudens'")
    return data


def check_situation(tax_benefit_system, situation: dict, source: str) -> set[str]:
    """The period-independent checks (structure); return the set of months the inputs name."""
    from openfisca_nl_sz.validation.situations import check_structure, dated_months

    check_structure(source, situation)
    return dated_months(tax_benefit_system, situation, source)


def infer_period(months: set[str], source: str) -> str:
    """The month to compute when --period is not given: the one month the file names (the latest
    if several; the values of the other months are then refused by the validation)."""
    if not months:
        raise InputError(source, "--period", "the file gives no month; pass --period YYYY-MM")
    return max(months)


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
    return one_line(message, _MAX_MESSAGE)


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
