"""Allowed ranges of the contract's inputs, checked before anything is computed.

A value outside its range is refused with an error that names the field and the range, instead of
silently producing a wrong number (an AO% of 130 or a negative rent has no legal meaning).
"""

from __future__ import annotations

import math

#: variable -> (minimum, maximum); None means unbounded on that side.
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
    # hours per week: a week has 168 hours
    "ww_arbeidsuren": (0, 168),
    "ww_belastbare_uren": (0, 168),
    "ww_gemiddeld_aantal_arbeidsuren": (0, 168),
    # Regeling zorgverzekering bijlage 4: woonlandfactoren can exceed 1 (e.g. Noorwegen 1,4015 and
    # Liechtenstein 1,1866 for 2018, Stcrt. 2017, 66088), so only the lower bound is a legal fact.
    "zt_woonlandfactor": (0, None),
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


def describe_range(name: str) -> str:
    low, high = INPUT_RANGES[name]
    if low is not None and high is not None:
        return f"a number from {low:g} to {high:g}"
    if low is not None:
        return f"a number of at least {low:g}"
    return f"a number of at most {high:g}"


def check_value(name: str, value) -> str | None:
    """None if `value` is allowed for `name`, else a sentence saying what is allowed."""
    if isinstance(value, bool):
        return None
    if not isinstance(value, (int, float)):
        return None  # type errors are reported by the type check or by OpenFisca
    if isinstance(value, float) and not math.isfinite(value):
        return f"{value!r} is not a finite number; allowed: {describe_range(name) if name in INPUT_RANGES else 'a number'}"
    if name not in INPUT_RANGES:
        return None
    low, high = INPUT_RANGES[name]
    if (low is not None and value < low) or (high is not None and value > high):
        return f"{value!r} is out of range; allowed: {describe_range(name)}"
    return None
