"""Inputs that look like they were given in another unit than the variable's: a warning, not a refusal.

Why: a value inside the allowed range can still be a mistake that comes back as a plausible number.
An AO% of 0.5 meant as 50% computes a "35-minner" without any WIA benefit; a monthly wage typed as
the dagloon gets the maximum benefit; a yearly wage typed as `loon` gets a top earner's tax. The
values are possible, so `nlsz calc` computes them, and says once per input what it read and how
the variable's unit is written. The bounds come from the legislation of the month computed:

- `arbeidsongeschiktheidspercentage` strictly between 0 and 1: a fraction, where the variable is a
  percentage from 0 to 100;
- `wia_dagloon` or `ww_dagloon` above three times the maximum dagloon (Wfsv art. 17, € 304,25 in
  2026): a dagloon is per day, and the law stops counting at the maximum;
- `loon` above the Zvw maximum bijdrage-inkomen, which is a yearly amount (€ 79.409 in 2026): a
  monthly wage above what the Zvw counts in a whole year is most likely a yearly wage.
"""

from __future__ import annotations

from openfisca_nl_sz.search.explain import euro
from openfisca_nl_sz.validation.loading import finite_or_none

#: A dagloon above this many times the maximum dagloon is taken for a monthly or yearly amount.
DAGLOON_FACTOR = 3


def hints(system, situation: dict, period: str) -> list[str]:
    """One line per input that looks like another unit, naming the field (personen.<id>.<variable>)."""
    parameters = system.get_parameters_at_instant(period + "-01")
    max_dagloon = float(parameters.wfsv.maximum_dagloon)
    zvw_year = float(parameters.zvw.maximum_bijdrage_inkomen)
    days_text = f"{float(parameters.wia.dagen_per_maand):g}".replace(".", ",")
    out = []
    for person_id, person in (situation.get("personen") or {}).items():
        if not isinstance(person, dict):
            continue
        for name, given in person.items():
            value = given.get(period) if isinstance(given, dict) else given
            number = finite_or_none(value)
            if number is None:
                continue
            field = f"personen.{person_id}.{name}"
            if name == "arbeidsongeschiktheidspercentage" and 0 < number < 1:
                out.append(f"{field} is {number:g}: computed as {number:g}%, a percentage from 0 to 100 "
                           f"(if {number * 100:g}% is meant, write {number * 100:g})")
            elif name in ("wia_dagloon", "ww_dagloon") and number > DAGLOON_FACTOR * max_dagloon:
                out.append(f"{field} is {euro(number)} per day, more than {DAGLOON_FACTOR} times the maximum dagloon "
                           f"({euro(max_dagloon)}); a dagloon is per day (a month's wage is about {days_text} times it)")
            elif name == "loon" and number > zvw_year:
                out.append(f"{field} is {euro(number)} per month, more than the Zvw counts in a whole year "
                           f"({euro(zvw_year)}); loon is per month (a yearly wage divided by 12)")
    return out
