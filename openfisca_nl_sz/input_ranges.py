"""Allowed ranges of the contract's inputs, checked before anything is computed.

A value outside its range is refused with an error that names the field and the range, instead of
silently producing a wrong number (an AO% of 130 or a negative rent has no legal meaning).
"""

from __future__ import annotations

import math

#: Upper bound of a woonlandfactor (see INPUT_RANGES["zt_woonlandfactor"]).
WOONLANDFACTOR_MAX = 2.0

#: Largest amount (euros) any money input may have, per month or as assets. Beyond it OpenFisca's
#: float32 arithmetic loses whole euros and, far beyond, overflows to inf (`loon: 1e39` printed
#: `nan`); € 100 million a month is far above any real wage or asset of a benefit claimant.
MAX_AMOUNT = 100_000_000
#: Largest count of months any "months since" input may have (100 years).
MAX_MONTHS = 1200

#: variable -> (minimum, maximum); None means unbounded on that side (the MAX_AMOUNT cap then
#: still applies through `allowed_range`).
INPUT_RANGES: dict[str, tuple[float | None, float | None]] = {
    "leeftijd": (0, 120),
    "loon": (0, None),
    "arbeidsongeschiktheidspercentage": (0, 100),
    "wia_dagloon": (0, None),
    "resterende_verdiencapaciteit": (0, None),
    "wia_maanden_sinds_aanvang": (0, None),
    "wga_lgu_duur_maanden": (0, 24),
    "wia_arbeidsverleden_jaren": (0, 60),
    "wia_arbeidsverleden_jaren_voor_2016": (0, 60),
    "ww_dagloon": (0, None),
    "ww_maanden_sinds_aanvang": (0, None),
    "ww_duur_maanden": (0, 24),
    "ww_arbeidsverleden_jaren": (0, 60),
    "ww_arbeidsverleden_jaren_voor_2016": (0, 60),
    "huur": (0, None),
    "servicekosten": (0, None),
    "bijstand_maanden_sinds_aanvang": (0, None),
    "pw_vrijlating_maanden_gebruikt": (0, None),
    "pw_vrijlating_r_maanden_gebruikt": (0, None),
    "tw_vrijlating_maanden_gebruikt": (0, None),
    # AOW art. 13: 100 % minus 2 % per uninsured year
    "aow_opbouwpercentage": (0, 100),
    "aanvullend_pensioen": (0, None),
    # hours per week: a week has 168 hours
    "ww_arbeidsuren": (0, 168),
    "ww_belastbare_uren": (0, 168),
    "ww_gemiddeld_aantal_arbeidsuren": (0, 168),
    # Regeling zorgverzekering bijlage 4: woonlandfactoren can exceed 1. The largest published factors
    # found: Noorwegen 1,5288 (2017) and 1,4015 (2018, Stcrt. 2017, 66088,
    # https://zoek.officielebekendmakingen.nl/stcrt-2017-66088.html). From 2023 a new method applies,
    # with a temporary maximum of 1 in 2023 (CAK, "Nieuwe rekenmethode woonlandfactor"); the 2025 table
    # (https://wetten.overheid.nl/BWBR0050362) was not checked country by country, so the bound
    # leaves room up to 2. A factor of 10^6 (a zorgtoeslag of 176 million) is refused.
    "zt_woonlandfactor": (0, WOONLANDFACTOR_MAX),
}

#: Inputs with a formula default keep a given value in `<name>_opgegeven`
#: (openfisca_nl_sz/formula_defaults.py); it takes the same range as `<name>` (-1, "not given", is its
#: default, never a value to give). tests/metamorphic checks that this list is complete.
INPUTS_WITH_FORMULA_DEFAULT = (
    "resterende_verdiencapaciteit",
    "wga_lgu_duur_maanden",
    "wia_arbeidsverleden_jaren_voor_2016",
    "ww_duur_maanden",
    "ww_arbeidsverleden_jaren_voor_2016",
)
INPUT_RANGES.update({f"{name}_opgegeven": INPUT_RANGES[name] for name in INPUTS_WITH_FORMULA_DEFAULT})

#: Numeric inputs deliberately left without a range, each with the reason. A numeric input
#: variable must be in INPUT_RANGES or here (tests/cli checks it), so a new input cannot
#: silently skip validation.
UNBOUNDED_INPUTS: dict[str, str] = {
    "vermogen": "net assets may be negative (debts exceed assets); the laws test them against a limit",
}


def default_range(variable) -> tuple[float, float] | None:
    """The unit-aware range of a numeric input that has no entry in INPUT_RANGES.

    A new input gets a sensible range from its unit or its name, so it cannot skip validation:
    money >= 0 (at most MAX_AMOUNT), percentages 0-100, hours per week 0-168, years 0-120, months
    0-MAX_MONTHS, ages 0-120. None when neither unit nor name says anything.
    """
    name = variable.name
    unit = str(getattr(variable, "unit", None) or "")
    if unit.startswith("currency"):
        return (0, MAX_AMOUNT)
    if unit == "percent":
        return (0, 100)
    if unit == "hour":
        return (0, 168)
    if "leeftijd" in name or unit == "year":
        return (0, 120)
    if unit == "month" or "maanden" in name:
        return (0, MAX_MONTHS)
    if name.endswith("woonlandfactor"):
        return (0, WOONLANDFACTOR_MAX)
    return None


def allowed_range(name: str, variable=None) -> tuple[float, float]:
    """(low, high) allowed for input `name`: INPUT_RANGES, else the unit-aware default, else
    0..MAX_AMOUNT; an open side is closed at +-MAX_AMOUNT so that no number overflows."""
    if name in INPUT_RANGES:
        low, high = INPUT_RANGES[name]
    elif name in UNBOUNDED_INPUTS:
        low, high = None, None
    elif variable is not None and default_range(variable) is not None:
        low, high = default_range(variable)
    else:
        low, high = 0, None
    return (-MAX_AMOUNT if low is None else low, MAX_AMOUNT if high is None else high)


def _describe(low: float, high: float) -> str:
    if low == -MAX_AMOUNT and high == MAX_AMOUNT:
        return f"a number from {low:,.10g} to {high:,.10g}"
    if high == MAX_AMOUNT:  # the cap against overflow, not a legal bound: say the legal side first
        return f"a number of at least {low:,.10g} (and at most {high:,.10g})"
    return f"a number from {low:,.10g} to {high:,.10g}"


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 24 else f"a number of {len(str(abs(int(value))))} digits" if isinstance(value, int) else f"{value:.3g}"


def describe_range(name: str, variable=None) -> str:
    low, high = allowed_range(name, variable)
    return _describe(low, high)


def check_value(name: str, value, variable=None) -> str | None:
    """None if `value` is allowed for `name`, else a sentence saying what is allowed."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)):
        return None  # type errors are reported by the type check
    try:
        number = float(value)
    except OverflowError:  # an int with hundreds of digits
        return f"{_shown(value)} is out of range; allowed: {describe_range(name, variable)}"
    if not math.isfinite(number):
        return f"{_shown(value)} is not a finite number; allowed: {describe_range(name, variable)}"
    low, high = allowed_range(name, variable)
    if number < low or number > high:
        return f"{_shown(value)} is out of range; allowed: {describe_range(name, variable)}"
    return None
