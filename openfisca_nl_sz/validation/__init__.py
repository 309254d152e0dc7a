"""One validation layer for every way a situation comes in (issue 13 point 1, issue 12 points 6-7).

`nlsz calc`, `nlsz serve` (the web API), scan templates and scenario populations all call
`validate_situation` before OpenFisca sees the data, and `check_period` before any month is
computed. Bad input raises `openfisca_nl_sz.errors.InputError(source, field, problem)`, whose text
is one line (at most 300 characters) naming the field and what is allowed.
"""

from __future__ import annotations

import re

from openfisca_nl_sz.errors import InputError
from openfisca_nl_sz.legal.coverage import FIRST_MONTH, LAST_MONTH
from openfisca_nl_sz.validation.loading import MAX_BYTES, load_file, parse_text

__all__ = [
    "validate_situation", "check_period", "load_file", "parse_text", "InputError",
    "FIRST_MONTH", "LAST_MONTH", "MAX_BYTES",
]

_MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def check_period(period: str, source: str, field: str) -> str:
    """Return `period` (YYYY-MM) if the encoded legislation covers it, else raise InputError.

    A month outside FIRST_MONTH..LAST_MONTH would silently reuse the nearest amounts, or end in an
    OpenFisca error about a missing parameter (issue 12 point 6), so it is refused with the range.
    """
    allowed = f"allowed: a month YYYY-MM from {FIRST_MONTH} to {LAST_MONTH}"
    if not isinstance(period, str) or not _MONTH.match(period):
        raise InputError(source, field, f"{period!r} is not a month; {allowed}")
    if not FIRST_MONTH <= period <= LAST_MONTH:
        raise InputError(source, field, f"{period} is outside the legislation encoded; {allowed}")
    return period


def validate_situation(tax_benefit_system, situation: dict, period: str, source: str, *,
                       overrides: frozenset = frozenset(), max_persons: int | None = None) -> dict:
    """Check `situation` for computing `period`; return the cleaned situation or raise InputError.

    The cleaned situation has text ids, numbers of the variables' types and role lists in plural
    form. `overrides` names computed variables the caller deliberately sets (`--override VAR`).
    `max_persons` (default `situations.MAX_PERSONS`) caps the persons of one situation.
    See `validation.situations` for the rules.
    """
    from openfisca_nl_sz.validation.situations import MAX_PERSONS, validate

    check_period(period, source, "--period")
    return validate(tax_benefit_system, situation, period, source, overrides,
                    MAX_PERSONS if max_persons is None else max_persons)
